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

    /// Asks the kernel to map the byte ranges `ranges` now, one call per run of adjacent ranges
    /// (they are about to be read in full), instead of page fault by page fault. Best effort.
    func willRead(_ ranges: [Range<Int>]) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var runs: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            // Whole pages (madvise takes a page-aligned start); adjacent or overlapping runs merge.
            let a = r.lowerBound / page * page, b = min(r.upperBound, bytes.count)
            if let last = runs.last, a <= last.upperBound { runs[runs.count - 1] = last.lowerBound..<max(last.upperBound, b) } else { runs.append(a..<b) }
        }
        for r in runs where r.count > 0 {
            let p = UnsafeMutableRawPointer(mutating: base + r.lowerBound)
            // MADV_POPULATE_READ (Linux 5.14); older kernels refuse it, MADV_WILLNEED then at least reads ahead.
            if madvise(p, r.count, 22) != 0 { _ = madvise(p, r.count, MADV_WILLNEED) }
        }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
