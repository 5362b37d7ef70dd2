import CGDAL

/// Process-wide GDAL set-up: driver registration happens exactly once.
public enum GDALRuntime {
    private static let registered: Bool = {
        // No GDAL (or PROJ through GDAL) message reaches stderr raw: outside a
        // `withErrorCapture` call they are dropped (failures are seen from return values and
        // turned into one-line errors); inside, the capture handler records them.
        CPLSetErrorHandler(silentHandler)
        GDALAllRegister()
        // Accept OSM multipolygons with unclosed rings only after GDAL closes them; we validate
        // every polygon with GEOS on ingest anyway.
        CPLSetConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", "YES")
        // Same inputs, same bytes: GeoPackage otherwise stamps the current time into
        // gpkg_contents.last_change (and FlatGeobuf/others have no such field).
        CPLSetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z")
        return true
    }()

    /// Registers all GDAL drivers (idempotent, thread-safe through Swift's lazy static init).
    public static func ensureRegistered() {
        _ = registered
    }

    /// The GDAL release name, e.g. "3.6.2".
    public static var version: String {
        ensureRegistered()
        return String(cString: GDALVersionInfo("RELEASE_NAME"))
    }
}

/// GDAL's process-wide handler: drops every message (see `GDALRuntime.registered`).
private let silentHandler: CPLErrorHandler = { _, _, _ in }

/// Messages GDAL reported through its error handler while a call ran.
final class ErrorCapture {
    var failures: [String] = []
    var warnings: [String] = []

    var lastFailure: String? { failures.last }
}

private let captureHandler: CPLErrorHandler = { errClass, _, message in
    guard let userData = CPLGetErrorHandlerUserData() else { return }
    let capture = Unmanaged<ErrorCapture>.fromOpaque(userData).takeUnretainedValue()
    let text = message.map { String(cString: $0) } ?? "unknown GDAL error"
    if errClass == CE_Failure || errClass == CE_Fatal {
        capture.failures.append(text)
    } else if errClass == CE_Warning {
        capture.warnings.append(text)
    }
}

/// Runs `body` with a thread-local GDAL error handler that records failures and warnings instead
/// of printing them. GDAL reports many failures only through this handler while the call itself
/// "succeeds" (a truncated PBF yields fewer features), so callers must check `capture.failures`.
func withErrorCapture<T, E: Error>(_ body: (ErrorCapture) throws(E) -> T) throws(E) -> T {
    GDALRuntime.ensureRegistered()
    let capture = ErrorCapture()
    CPLPushErrorHandlerEx(captureHandler, Unmanaged.passUnretained(capture).toOpaque())
    defer { CPLPopErrorHandler() }
    return try body(capture)
}

/// A NULL-terminated C string list (`char **`) built from Swift strings, freed on deinit.
final class CStringList {
    private(set) var raw: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    init(_ items: [String]) {
        for s in items { raw = CSLAddString(raw, s) }
    }

    /// The same list typed as `const char * const *` for APIs that take it read-only.
    var constRaw: UnsafePointer<UnsafePointer<CChar>?>? {
        raw.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
    }

    deinit { CSLDestroy(raw) }
}
