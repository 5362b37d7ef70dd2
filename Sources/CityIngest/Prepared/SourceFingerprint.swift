#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CityModel
import GeoCore

/// Size, modification time and SHA-256 of the files a city is read from.
enum SourceFingerprint {
    /// File size and modification time (ns since 1970) of `path`; nil when it is not a
    /// regular file that can be stat'ed.
    static func status(_ path: String) -> (size: UInt64, mtimeNanoseconds: Int64)? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let t = st.st_mtimespec
        #else
        let t = st.st_mtim
        #endif
        return (UInt64(st.st_size), Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec))
    }

    /// SHA-256 of the file's content, read in 4 MiB blocks. Throws `.ioError` when it cannot
    /// be read.
    static func sha256(_ path: String) throws(CovplanError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CovplanError(.noInput, file: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CovplanError(.ioError, file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hash.finish()
    }

    /// The absolute path of `path` with links resolved (as given when that fails).
    static func absolute(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Sidecar files GDAL reads with a source (a shapefile's .shx, .dbf, .prj, .cpg), which
    /// change its content as much as the main file.
    static func sidecars(of path: String) -> [String] {
        let lower = path.lowercased()
        guard lower.hasSuffix(".shp") else { return [] }
        let stem = String(path.dropLast(4))
        return ["shx", "dbf", "prj", "cpg", "SHX", "DBF", "PRJ", "CPG"].map { "\(stem).\($0)" }.filter { status($0) != nil }
    }

    /// Every file the city of `options` is read from: the primary source (`city`), per-kind
    /// sources (their kind), sidecars. Throws `.usage` for a source that is not a plain file
    /// (a GDAL virtual path such as /vsizip/ cannot be fingerprinted), `.noInput` when missing.
    static func sources(of options: CityReadOptions) throws(CovplanError) -> [PreparedMeta.Source] {
        var list: [(String, String)] = []
        if let p = options.primary { list.append(("city", p)) }
        for kind in CityLayerKind.allCases {
            if let s = options.layers[kind], !list.contains(where: { $0.1 == s.path }) { list.append((kind.rawValue, s.path)) }
        }
        for (_, p) in list { for s in sidecars(of: p) { list.append(("sidecar", s)) } }
        var out: [PreparedMeta.Source] = []
        for (role, path) in list {
            if path.hasPrefix("/vsi") {
                throw CovplanError(.usage, file: path, "a prepared city needs its sources as plain files (GDAL virtual paths cannot be checked for changes)")
            }
            guard let st = status(path) else { throw CovplanError(.noInput, file: path, "no such file") }
            out.append(PreparedMeta.Source(role: role, path: path, absolutePath: absolute(path), size: st.size,
                                           mtimeNanoseconds: st.mtimeNanoseconds, sha256: try sha256(path)))
        }
        return out
    }
}
