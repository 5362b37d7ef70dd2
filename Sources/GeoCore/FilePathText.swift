/// Path text operations done in Swift: this toolchain's Foundation traps (SIGILL) in
/// `NSString.deletingLastPathComponent` for a one-character relative path such as `-o c`.
public enum FilePathText {
    /// The folder part of `path`: "" for a bare name (`c`, `out`), "/" for `/name`, `a/b` for
    /// `a/b/c`; trailing slashes are ignored as Foundation does (`a/b/` → `a`).
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }
}
