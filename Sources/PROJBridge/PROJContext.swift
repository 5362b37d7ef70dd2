import CPROJ

/// Owns one `PJ_CONTEXT`. PROJ contexts are not thread-safe: use one per thread (or task).
final class PROJContext {
    let raw: OpaquePointer

    init() throws(PROJError) {
        guard let c = proj_context_create() else {
            throw PROJError(function: "proj_context_create", message: "could not create a PROJ context")
        }
        raw = c
        // Never reach out to the network for grids: results must be reproducible offline.
        proj_context_set_enable_network(c, 0)
    }

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
