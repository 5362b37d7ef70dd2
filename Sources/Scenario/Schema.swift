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
    /// The value used when the key is absent: defined here once (from the analysis's own
    /// constant), printed in SCHEMA.md and returned by `ScenarioDocument.setting`.
    public let defaultValue: SchemaDefault?

    public init(_ name: String, _ type: SchemaType, required: Bool = false, default defaultValue: SchemaDefault? = nil, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

/// The default of a scenario key.
public enum SchemaDefault: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case text(String)
    case numbers([Double])

    /// The value as a number (nil for text and lists).
    public var number: Double? {
        switch self {
        case .number(let d): d
        case .integer(let i): Double(i)
        case .text(let t): Double(t)
        case .numbers: nil
        }
    }

    /// As written in a scenario file and in SCHEMA.md (`30`, `0.05`, `3, 5, 10`).
    public var text: String {
        func fmt(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        switch self {
        case .number(let d): return fmt(d)
        case .integer(let i): return String(i)
        case .text(let t): return t
        case .numbers(let l): return l.map(fmt).joined(separator: ", ")
        }
    }

    /// The default as a document node (located at the schema, not at a file).
    var node: ConfigNode {
        let at = SourceLocation(file: "(default)", line: 0, column: 0)
        switch self {
        case .numbers(let l): return .list(l.map { .scalar(SchemaDefault.number($0).text, quoted: false, at) }, at)
        default: return .scalar(text, quoted: false, at)
        }
    }
}

extension ScenarioSchema {
    /// The field at a dotted path of object keys (e.g. `simulation.days`), or nil.
    public static func field(_ dotted: String) -> SchemaField? {
        var fields = root
        var found: SchemaField?
        for part in dotted.split(separator: ".") {
            guard let f = fields.first(where: { $0.name == part }) else { return nil }
            found = f
            if case .object(let sub) = f.type { fields = sub } else { fields = [] }
        }
        return found
    }
}

extension ScenarioDocument {
    /// The value at a dotted path, or the schema's default for it when the key is absent
    /// (nil when neither exists). Every default the runner uses comes through here, so the
    /// scenario, SCHEMA.md and the analyses cannot disagree.
    public func setting(_ dotted: String) -> ConfigNode? {
        root.at(dotted) ?? ScenarioSchema.field(dotted)?.defaultValue?.node
    }
}
