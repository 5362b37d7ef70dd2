#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore

/// A prepared city's file mapped read-only into memory for one load: the columns are read in
/// place from the page cache (no copy of the file into a buffer, no fresh pages to fault in),
/// and unmapped when the value goes away. Keep it alive (`withExtendedLifetime`) while `bytes`
/// is used.
///
/// The file must not be truncated in place while it is being loaded (the mapping would fault);
/// covplan itself never does that: `covplan prepare` writes a new file and renames it over the
/// old one, which leaves a mapping of the old one intact.
final class MappedFile {
    /// The file's bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer
    /// `fstat` of the file when it was mapped.
    let status: stat

    /// Maps `path`. Errors as `PreparedCity.readAll`: `.noInput` (66) for a missing path or not
    /// a regular file, `.ioError` (74) when it cannot be opened or mapped.
    init(_ path: String) throws(CovplanError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw CovplanError(code == ENOENT ? .noInput : .ioError, file: path,
                               code == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw CovplanError(.noInput, file: path, "not a regular file")
        }
        status = st
        let size = Int(st.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw CovplanError(.ioError, file: path, "cannot map: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    /// Asks the kernel to map the first `end` bytes now, in one call (they are about to be read
    /// in full), instead of page fault by page fault. Best effort.
    func willRead(upTo end: Int) {
        guard let base = bytes.baseAddress, end > 0 else { return }
        let n = min(end, bytes.count)
        // MADV_POPULATE_READ (Linux 5.14); older kernels refuse it, MADV_WILLNEED then at least reads ahead.
        if madvise(UnsafeMutableRawPointer(mutating: base), n, 22) != 0 {
            _ = madvise(UnsafeMutableRawPointer(mutating: base), n, MADV_WILLNEED)
        }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
