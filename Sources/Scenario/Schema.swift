/// The kinds of value a scenario key may hold.
public indirect enum SchemaType: Sendable {
    case string
    /// A number within optional bounds (`exclusiveMin` for strictly positive values).
    case number(min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false)
    case integer(min: Int? = nil, max: Int? = nil)
    case bool
    /// A file path, relative to the scenario file that names it; the file must exist.
    case path
    /// A CRS such as `EPSG:32643`.
    case crs
    /// One of a fixed set of words.
    case choice([String])
    case list(SchemaType)
    case object([SchemaField])
    /// A map with free keys (e.g. camera type names), each value of one type.
    case dictionary(SchemaType)
    /// The name of an entry defined elsewhere (e.g. a camera type); checked after parsing.
    case reference(ReferenceSpace)
    /// Either a single value of `first` or of `second` (e.g. a path or an object).
    case either(SchemaType, SchemaType)

    /// The type's name in messages and SCHEMA.md.
    var name: String {
        switch self {
        case .string: "text"
        case .number(let lo, let hi, let ex):
            "number" + bounds(lo.map { "\(ex ? ">" : "≥") \(fmt($0))" }, hi.map { "≤ \(fmt($0))" })
        case .integer(let lo, let hi): "whole number" + bounds(lo.map { "≥ \($0)" }, hi.map { "≤ \($0)" })
        case .bool: "true/false"
        case .path: "file path"
        case .crs: "CRS (EPSG:NNNN)"
        case .choice(let c): "one of " + c.joined(separator: ", ")
        case .list(let t): "list of \(t.name)"
        case .object: "map"
        case .dictionary(let t): "map of name → \(t.name)"
        case .reference(let r): "name of a \(r.rawValue)"
        case .either(let a, let b): "\(a.name) or \(b.name)"
        }
    }

    private func bounds(_ a: String?, _ b: String?) -> String {
        let parts = [a, b].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    private func fmt(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}

/// Things a scenario defines by name and refers to elsewhere.
public enum ReferenceSpace: String, Sendable {
    case cameraType = "camera type (cameras.types)"
}

/// One key of a scenario map.
public struct SchemaField: Sendable {
    public let name: String
    public let type: SchemaType
    public let required: Bool
    public let doc: String

    public init(_ name: String, _ type: SchemaType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }
}
