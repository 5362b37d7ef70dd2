import Foundation
import GeoCore

/// Writing outputs so that they never destroy data (the rule of ogr2ogr and of transactional
/// file creation):
///
/// - everything goes to a temporary name in the target folder and is renamed into place on
///   success, so a failure leaves no partial output;
/// - an existing output is refused unless `overwrite`, and even then only a regular file, or a
///   folder that covplan itself wrote (it holds `markerName`), is replaced: never a folder of
///   the user's, never one of the run's inputs, never a folder that contains one;
/// - the final rename never replaces a target that appeared while the run was working (two runs
///   into one folder: the second gets `.cannotCreate`, 73);
/// - a failed replacement puts the old output back exactly;
/// - temporary files of runs that died are removed (an old output they had moved aside is put
///   back first).
///
/// The inputs to protect are registered once per process by the CLI (`protectInputs`).
/// Errors: `.usage` (64) for an output that names an input, `.`/`..` or a too-long name;
/// `.cannotCreate` (73) for an existing or unwritable target; `.ioError` (74) for a failed rename.
public enum AtomicOutput {
    /// The file every output folder covplan writes carries; its presence is what allows
    /// `--overwrite` to replace the folder.
    public static let markerName = ".covplan-output"
    static let markerText = "This folder was written by covplan; covplan --overwrite may replace it as a whole.\n"

    /// What a target is expected to become.
    public enum Kind: Sendable { case file, folder }

    nonisolated(unsafe) private static var inputs: [String] = []
    private static let lock = NSLock()

    /// Registers the paths the current command reads; a later output equal to one of them, or a
    /// folder containing one, is refused. Paths that do not exist are ignored.
    public static func protectInputs(_ paths: [String]) {
        let resolved = paths.compactMap { p -> String? in
            FileManager.default.fileExists(atPath: p) ? canonical(p) : nil
        }
        lock.lock()
        inputs += resolved
        lock.unlock()
    }

    static var protectedInputs: [String] {
        lock.lock()
        defer { lock.unlock() }
        return inputs
    }

    /// The absolute path with symbolic links of existing parts resolved (the last component is
    /// kept as given when it does not exist).
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realpath(url.path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = url.deletingLastPathComponent().path
        if let real = realpath(parent, nil) {
            defer { free(real) }
            return (String(cString: real) as NSString).appendingPathComponent(url.lastPathComponent)
        }
        return url.path
    }

    /// Checks an output location before any long work: the name, the folder it goes in (exists,
    /// writable), a dangling link, the inputs it must not replace, and an existing target
    /// (refused without `overwrite`; with it, only a regular file — for `.file` — or a folder
    /// covplan wrote — for `.folder` — may be replaced; `nil` accepts either).
    /// Also removes temporary leftovers of dead runs for this target.
    public static func checkTarget(_ path: String, overwrite: Bool, kind: Kind? = nil) throws(CovplanError) {
        // A database output (`PG:...`) is checked when it is written, inside its transaction.
        if OutputRouting.isPostgres(path) { return }
        let fm = FileManager.default
        let name = (path as NSString).lastPathComponent
        if path.isEmpty || name == "." || name == ".." || name == "/" || path.hasSuffix("/.") || path.hasSuffix("/..") {
            throw CovplanError(.usage, file: path, "the output must name a new file or folder, not '\(path)'")
        }
        if name.utf8.count > 255 - 40 {
            throw CovplanError(.usage, file: path, "the output name is \(name.utf8.count) bytes long; at most 215 are possible (temporary names need the rest)")
        }
        let target = canonical(path)
        for input in protectedInputs {
            if input == target {
                throw CovplanError(.usage, file: path, "the output is one of this run's inputs; write it elsewhere")
            }
            if input.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                throw CovplanError(.usage, file: path, "the output folder contains this run's input '\(input)'; write it elsewhere")
            }
        }
        let dir = FilePathText.parent(path)
        let folder = dir.isEmpty ? "." : dir
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw CovplanError(.cannotCreate, file: path, "folder '\(folder)' does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw CovplanError(.cannotCreate, file: path, "folder '\(folder)' is not writable")
        }
        cleanStaleTemporaries(for: path)
        var st = stat()
        guard lstat(path, &st) == 0 else { return }  // nothing there: fine
        if (st.st_mode & S_IFMT) == S_IFLNK, stat(path, &st) != 0 {
            throw CovplanError(.cannotCreate, file: path, "the output is a link to nothing; remove the link or choose another name")
        }
        guard overwrite else {
            throw CovplanError(.cannotCreate, file: path, "output exists; use --overwrite to replace it")
        }
        let existingIsFolder = (st.st_mode & S_IFMT) == S_IFDIR
        if existingIsFolder {
            guard kind != .file else {
                throw CovplanError(.cannotCreate, file: path, "a folder is in the way of this output file; --overwrite replaces files, not folders")
            }
            guard fm.fileExists(atPath: (path as NSString).appendingPathComponent(markerName)) else {
                throw CovplanError(.cannotCreate, file: path, "this folder was not written by covplan (no \(markerName)); --overwrite replaces only covplan's own output folders")
            }
        } else {
            guard kind != .folder else {
                throw CovplanError(.cannotCreate, file: path, "a file is in the way of this output folder; --overwrite replaces only covplan's own output folders")
            }
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw CovplanError(.cannotCreate, file: path, "the output exists and is not a regular file")
            }
        }
    }

    /// A temporary sibling path for `path` (same folder, so the final rename is atomic).
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let ext = url.pathExtension
        // Keep the extension: GDAL drivers pick formats by it.
        let tmp = "\(temporaryPrefix(for: path))\(getpid())\(ext.isEmpty ? "" : "." + ext)"
        return (dir as NSString).appendingPathComponent(tmp)
    }

    /// `.<stem>.covplan-tmp-`: what every temporary name for `path` starts with.
    static func temporaryPrefix(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let ext = url.pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return ".\(stem).covplan-tmp-"
    }

    /// Removes temporaries for `path` left by runs whose process is gone. An old output such a
    /// run had moved aside (`….old`) is put back when nothing took its place, else removed.
    static func cleanStaleTemporaries(for path: String) {
        let fm = FileManager.default
        let dir = FilePathText.parent(path)
        let folder = dir.isEmpty ? "." : dir
        let prefix = temporaryPrefix(for: path)
        for name in entries(of: folder, startingWith: prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(digits), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running
            let stale = (folder as NSString).appendingPathComponent(name)
            if name.hasSuffix(".old"), !fm.fileExists(atPath: path) {
                _ = rename(stale, path)
            } else {
                try? fm.removeItem(atPath: stale)
            }
        }
    }

    /// The names in `folder` that start with `prefix` (compared as UTF-8 bytes), read with
    /// `readdir` so that the other entries of a crowded folder (a shared /tmp holds tens of
    /// thousands) cost no string each. Empty when the folder cannot be read.
    static func entries(of folder: String, startingWith prefix: String) -> [String] {
        guard let d = opendir(folder) else { return [] }
        defer { closedir(d) }
        let wanted = Array(prefix.utf8)
        var names: [String] = []
        while let e = readdir(d) {
            withUnsafeBytes(of: &e.pointee.d_name) { raw in
                guard raw.count > wanted.count else { return }
                for i in wanted.indices where raw[i] != wanted[i] { return }
                names.append(String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self)))
            }
        }
        return names
    }

    /// Writes a file: `body` receives a temporary path to create; on success it is moved to
    /// `path` (replacing an existing regular file only when `overwrite`). On failure nothing
    /// remains and an old file is untouched.
    public static func writeFile(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        try checkTarget(path, overwrite: overwrite, kind: .file)
        let tmp = temporaryPath(for: path)
        let fm = FileManager.default
        try? fm.removeItem(atPath: tmp)
        do {
            try body(tmp)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        defer { try? fm.removeItem(atPath: tmp) }
        if overwrite {
            // rename(2) replaces a file atomically; checked again in case a folder appeared.
            try checkTarget(path, overwrite: true, kind: .file)
            if rename(tmp, path) != 0 { throw moveError(path, errno) }
        } else {
            // link(2) never replaces: a file that appeared meanwhile makes it fail.
            if link(tmp, path) != 0 {
                let code = errno
                if code == EEXIST { throw appeared(path) }
                // Filesystems without hard links: fall back to a checked rename.
                guard code == EPERM || code == EOPNOTSUPP || code == EXDEV else { throw moveError(path, code) }
                if fm.fileExists(atPath: path) { throw appeared(path) }
                if rename(tmp, path) != 0 { throw moveError(path, errno) }
            }
        }
    }

    /// Writes a folder of outputs: `body` fills a temporary folder, which then takes the place
    /// of `path` (an existing covplan output folder only with `overwrite`). The folder gets
    /// `markerName`. On failure nothing remains and an old output is back as it was.
    public static func writeDirectory(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        if OutputRouting.isPostgres(path) { return try writeDatabase(path, overwrite: overwrite, body) }
        try LayerCollection.$inFolder.withValue(true) { try writeFolder(path, overwrite: overwrite, body) }
    }

    /// An output folder that is a PostgreSQL database: the writer runs into a scratch folder that
    /// is then removed, and the layers it wrote go into the schema `OutputRouting` names.
    static func writeDatabase(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        let fm = FileManager.default
        let scratch = NSTemporaryDirectory() + "/covplan-pg-\(getpid())-\(UInt64.random(in: 0 ... .max))"
        do {
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw CovplanError(.cannotCreate, file: scratch, "cannot create a scratch folder: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: scratch) }
        let collector = LayerCollection()
        try LayerCollection.$current.withValue(collector) { try body(scratch) }
        try PostGISExport.write(collector.layers, to: path, schema: OutputRouting.current.pgSchema, overwrite: overwrite,
                                loc: collector.loc)
    }

    static func writeFolder(_ path: String, overwrite: Bool, _ body: (String) throws -> Void) throws {
        try checkTarget(path, overwrite: overwrite, kind: .folder)
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
            try write(markerText, to: (tmp as NSString).appendingPathComponent(markerName))
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        defer { try? fm.removeItem(atPath: tmp) }
        var st = stat()
        if lstat(path, &st) == 0 {
            guard overwrite else { throw appeared(path) }
            try checkTarget(path, overwrite: true, kind: .folder)
            let old = tmp + ".old"
            guard rename(path, old) == 0 else { throw moveError(path, errno) }
            guard rename(tmp, path) == 0 else {
                let code = errno
                _ = rename(old, path)  // the old output goes back exactly where it was
                throw moveError(path, code)
            }
            try? fm.removeItem(atPath: old)
        } else {
            // rename(2) onto a folder that appeared meanwhile fails (it is never empty: it
            // holds at least the marker), and onto a file fails too.
            guard rename(tmp, path) == 0 else {
                let code = errno
                if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR || code == EISDIR { throw appeared(path) }
                throw moveError(path, code)
            }
        }
    }

    static func appeared(_ path: String) -> CovplanError {
        CovplanError(.cannotCreate, file: path, "output appeared while this run was working (another run?); nothing was replaced")
    }

    static func moveError(_ path: String, _ code: Int32) -> CovplanError {
        CovplanError(.ioError, file: path, "cannot move the finished output into place: \(String(cString: strerror(code)))")
    }

    /// Writes text to a new file at `path` (used inside the bodies above). Throws `.ioError`
    /// when the file cannot be created or fully written.
    public static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CovplanError(.ioError, file: path, "cannot create file")
        }
    }
}
