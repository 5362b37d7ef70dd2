import GeoCore
import Reports

/// A request the server refuses: an HTTP status (4xx) and a one-line reason for the client.
///
/// A reason is a language-catalogue text (`key`, `serve.err.*` in `Catalog+serve+en.swift`,
/// `+ru`, `+kk`, with `{0}`, `{1}`, ... filled from `args`): `reason` is its English text, and
/// the server answers with `reason(in:)`, the text in the language it serves (`serve --lang`).
/// Values the client sent (ids, property names, JSON) and messages of the analyses (422) are
/// quoted as they are.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code: 400 bad request, 401 no token, 404 unknown id or path, 409 conflict,
    /// 413 body too large, 421 wrong host, 422 an edit the analysis refuses, 429 too many requests.
    public var status: Int
    /// The reason in English.
    public var reason: String
    /// The catalogue key of the reason and its arguments (nil: `reason` as given, not translated).
    public var key: String?
    public var args: [String]

    /// A reason that is not translated (internal errors, 5xx).
    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason.oneLine
        key = nil
        args = []
    }

    /// The reason `key` of the language catalogues, with `args` for `{0}`, `{1}`, ...
    public init(_ status: Int, key: String, _ args: String...) {
        self.init(status, key: key, args: args)
    }

    init(_ status: Int, key: String, args: [String]) {
        self.status = status
        self.key = key
        self.args = args
        reason = Self.fill(Loc.en[key], args).oneLine
    }

    public var description: String { "\(status): \(reason)" }

    /// The reason in the language of `loc`.
    public func reason(in loc: Loc) -> String {
        guard let key else { return reason }
        return Self.fill(loc[key], args).oneLine
    }

    static func fill(_ template: String, _ args: [String]) -> String {
        var out = template
        for (i, a) in args.enumerated().reversed() { out = out.replacingOccurrences(of: "{\(i)}", with: a) }
        return out
    }

    static func bad(key: String, _ args: String...) -> PlanError { PlanError(400, key: key, args: args) }

    static func notFound(key: String, _ args: String...) -> PlanError { PlanError(404, key: key, args: args) }

    /// An analysis error on an edit (the plan stays as it was): 422 with the analysis's own
    /// message (English), introduced in the language served.
    static func refused(_ e: any Error) -> PlanError {
        if let p = e as? PlanError { return p }
        let text = (e as? CovplanError)?.description ?? "\(e)"
        return PlanError(422, key: "serve.err.refused", text.oneLine)
    }
}

extension String {
    /// Line breaks and tabs collapsed to single spaces, at most 500 characters.
    var oneLine: String {
        let s = split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        return s.count > 500 ? String(s.prefix(497)) + "..." : s
    }
}
