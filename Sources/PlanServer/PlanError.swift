import GeoCore

/// A request the server refuses: an HTTP status (4xx) and a one-line reason for the client.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code: 400 bad request, 401 no token, 404 unknown id or path, 409 conflict,
    /// 413 body too large, 422 an edit the analysis refuses.
    public var status: Int
    public var reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason.oneLine
    }

    public var description: String { "\(status): \(reason)" }

    static func bad(_ reason: String) -> PlanError { PlanError(400, reason) }
    static func notFound(_ reason: String) -> PlanError { PlanError(404, reason) }

    /// An analysis error on an edit (the plan stays as it was).
    static func refused(_ e: any Error) -> PlanError {
        if let c = e as? CovplanError { return PlanError(422, c.description) }
        if let p = e as? PlanError { return p }
        return PlanError(422, "\(e)")
    }
}

extension String {
    /// Line breaks and tabs collapsed to single spaces, at most 500 characters.
    var oneLine: String {
        let s = split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        return s.count > 500 ? String(s.prefix(497)) + "..." : s
    }
}
