import CPROJ

/// The PROJ library covplan runs on.
public enum PROJRuntime {
    /// The PROJ release, e.g. "9.1.1".
    public static var version: String {
        proj_info().version.map { String(cString: $0) } ?? "?"
    }
}
