import Foundation
import GeoCore

/// The one place input files that are not GIS layers are read (scenarios, run summaries, JSON
/// tables): whole, with a size limit, and one-line errors naming the file.
public enum InputFile {
    /// The bytes of `path`. Throws `.noInput` (66) when it cannot be read and `.dataError` (65)
    /// when it is larger than `maxBytes` (such a file is not what covplan expects there).
    public static func data(_ path: String, what: String, maxBytes: Int = 64 << 20) throws(CovplanError) -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw CovplanError(.noInput, file: path, "no such file")
        }
        guard !isDir.boolValue else { throw CovplanError(.noInput, file: path, "a folder, not a \(what)") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maxBytes {
            throw CovplanError(.dataError, file: path, "\(size.intValue) bytes is too large for a \(what) (at most \(maxBytes))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read the \(what)")
        }
        return data
    }
}
