/// An ordered JSON value for deterministic, human-friendly outputs (`summary.json`, `--json`).
///
/// Object keys keep insertion order, numbers use `JSONText.number`, and the text is the same
/// byte for byte on every run for the same value.
public indirect enum JSONValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public init(stringLiteral s: String) { self = .string(s) }
    public init(floatLiteral d: Double) { self = .number(d) }
    public init(integerLiteral i: Int) { self = .number(Double(i)) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(nilLiteral: ()) { self = .null }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

    /// `.number` for a finite value, `.null` otherwise.
    public static func num(_ d: Double?) -> JSONValue { d.map { $0.isFinite ? .number($0) : .null } ?? .null }
    public static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Member lookup for objects (nil for other values or absent keys).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// The JSON text, pretty-printed with two-space indentation when `pretty`.
    public func text(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : -1)
        if pretty { out += "\n" }
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pretty = indent >= 0
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += JSONText.number(d)
        case .string(let s): out += JSONText.string(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line.
            let scalars = items.allSatisfy { if case .array = $0 { false } else if case .object = $0 { false } else { true } }
            if scalars && items.count <= 8 || !pretty {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += pretty ? ", " : "," }
                    v.write(into: &out, indent: -1)
                }
                out += "]"
                return
            }
            out += "[" + nl
            for (i, v) in items.enumerated() {
                out += pad
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? "," + nl : nl
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in members.enumerated() {
                out += pad + JSONText.string(k) + (pretty ? ": " : ":")
                v.write(into: &out, indent: pretty ? indent + 1 : -1)
                out += i + 1 < members.count ? "," + nl : nl
            }
            out += closePad + "}"
        }
    }
}

extension JSONValue {
    /// A copy with every number replaced by `transform(number)`.
    public func mapNumbers(_ transform: (Double) -> Double) -> JSONValue {
        switch self {
        case .number(let d): .number(transform(d))
        case .array(let a): .array(a.map { $0.mapNumbers(transform) })
        case .object(let o): .object(o.map { ($0.0, $0.1.mapNumbers(transform)) })
        default: self
        }
    }
}
