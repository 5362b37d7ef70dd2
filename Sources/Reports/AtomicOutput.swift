import Foundation
import GeoCore

/// Writing outputs so that a failure never leaves a half-written file: everything goes to a
/// temporary name in the target folder and is renamed into place on success. Existing outputs
/// are refused unless `overwrite` is set.
public enum AtomicOutput {
    /// Throws `.cannotCreate` when `path` exists and `overwrite` is false, or its folder is
    /// missing. Call it before any long work so the user learns early.
    public static func checkTarget(_ path: String, overwrite: Bool) throws(CovplanError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path), !overwrite {
            throw CovplanError(.cannotCreate, file: path, "output exists; use --overwrite to replace it")
        }
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !(fm.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
            throw CovplanError(.cannotCreate, file: path, "folder '\(dir)' does not exist")
        }
    }

    /// A temporary sibling path for `path` (same folder, so the final rename is atomic).
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let ext = url.pathExtension
        // Keep the extension: GDAL drivers pick formats by it.
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        let tmp = ".\(stem).covplan-tmp-\(getpid())\(ext.isEmpty ? "" : "." + ext)"
        return (dir as NSString).appendingPathComponent(tmp)
    }

    /// Writes a file: `body` receives a temporary path to create; on success it is renamed to
    /// `path` (replacing an existing file only when `overwrite`). On failure nothing remains.
    public static func writeFile(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        try checkTarget(path, overwrite: overwrite)
        let tmp = temporaryPath(for: path)
        let fm = FileManager.default
        try? fm.removeItem(atPath: tmp)
        do {
            try body(tmp)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        do {
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: tmp, toPath: path)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw CovplanError(.ioError, file: path, "cannot move the finished output into place: \(error.localizedDescription)")
        }
    }

    /// Writes a folder of outputs: `body` fills a temporary folder, which then replaces `path`
    /// (an existing folder only with `overwrite`). On failure nothing remains.
    public static func writeDirectory(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        try checkTarget(path, overwrite: overwrite)
        let fm = FileManager.default
        let tmp = temporaryPath(for: path)
        try? fm.removeItem(atPath: tmp)
        do {
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        } catch {
            throw CovplanError(.cannotCreate, file: path, "cannot create a folder next to it: \(error.localizedDescription)")
        }
        do {
            try body(tmp)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        do {
            if fm.fileExists(atPath: path) {
                let old = tmp + ".old"
                try fm.moveItem(atPath: path, toPath: old)
                try fm.moveItem(atPath: tmp, toPath: path)
                try? fm.removeItem(atPath: old)
            } else {
                try fm.moveItem(atPath: tmp, toPath: path)
            }
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw CovplanError(.ioError, file: path, "cannot move the finished output into place: \(error.localizedDescription)")
        }
    }

    /// Writes bytes to a new file at `path` (used inside the bodies above).
    public static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CovplanError(.cannotCreate, file: path, "cannot create file")
        }
    }
}
