import CPROJ

/// Owns one `PJ_CONTEXT`. PROJ contexts are not thread-safe: use one per thread (or task).
final class PROJContext {
    let raw: OpaquePointer

    init() throws(PROJError) {
        _ = PROJContext.defaultSilenced
        guard let c = proj_context_create() else {
            throw PROJError(function: "proj_context_create", message: "could not create a PROJ context")
        }
        raw = c
        // Never reach out to the network for grids: results must be reproducible offline.
        proj_context_set_enable_network(c, 0)
        // PROJ's own log lines (also with PROJ_DEBUG set) never reach stderr raw: failures are
        // read back with `lastError` and folded into covplan's one-line error.
        PROJContext.silence(c)
    }

    /// Routes a context's log (nil: the default context) to a function that drops it.
    static func silence(_ context: OpaquePointer?) {
        proj_log_func(context, nil, { _, _, _ in })
    }

    /// Silences PROJ's default context once (used by code that passes a nil context).
    static let defaultSilenced: Bool = {
        silence(nil)
        return true
    }()

    deinit { proj_context_destroy(raw) }

    /// PROJ's message for the context's last error.
    func lastError(_ function: String) -> PROJError {
        let code = proj_context_errno(raw)
        let msg = proj_context_errno_string(raw, code).map { String(cString: $0) } ?? "error \(code)"
        return PROJError(function: function, message: msg)
    }
}

/// Owns one `PJ` object (a CRS or an operation) and the context that created it.
final class PROJObject {
    let raw: OpaquePointer
    let context: PROJContext

    init(_ raw: OpaquePointer, context: PROJContext) {
        self.raw = raw
        self.context = context
    }

    deinit { proj_destroy(raw) }
}
