import Foundation
import GeoCore

/// Writes a prepared city (`covplan prepare`) through `AtomicOutput`: a temporary file in the
/// target folder, renamed into place when complete; an existing file only with `overwrite`.
/// Errors: those of `AtomicOutput.writeFile`; `.ioError` (74) when the bytes cannot all be
/// written (disk full).
public enum PreparedCityOutput {
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws {
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else {
                throw CovplanError(.cannotCreate, file: path, "cannot create: \(String(cString: strerror(errno)))")
            }
            var failure: Int32?
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { failure = n < 0 ? errno : ENOSPC; return }
                    offset += n
                }
            }
            if failure == nil, fsync(fd) != 0 { failure = errno }
            if close(fd) != 0, failure == nil { failure = errno }
            if let failure {
                throw CovplanError(.ioError, file: path, "write failed: \(String(cString: strerror(failure)))")
            }
        }
    }
}
