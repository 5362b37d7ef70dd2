/// An attribute value as read from or written to a GIS layer.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    /// The value as text (`nil` for null), as a GIS user would see it in an attribute table.
    public var text: String? {
        switch self {
        case .null: nil
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        }
    }

    /// The value as a number when it is one or is text that parses as one.
    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        case .string(let s): Double(s.trimmingSpaces())
        case .null: nil
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var description: String { text ?? "NULL" }
}

/// The storage type of an attribute field.
public enum FieldType: String, Sendable, Hashable {
    case bool, int, double, string
}

/// A field's name and type in a layer schema.
public struct FieldDefinition: Sendable, Hashable {
    public let name: String
    public let type: FieldType

    public init(_ name: String, _ type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// A feature: an optional geometry and attribute values in schema order.
public struct Feature: Sendable, Hashable {
    /// Feature id in its source (an OGR FID, an OSM id such as "way/123", or a covplan id).
    public var id: String
    public var geometry: Geometry?
    /// Values in the order of the layer's `FieldDefinition`s.
    public var values: [FieldValue]

    public init(id: String, geometry: Geometry?, values: [FieldValue]) {
        self.id = id
        self.geometry = geometry
        self.values = values
    }
}

/// A layer as plain values: name, schema, CRS definition and features.
public struct FeatureLayer: Sendable {
    public var name: String
    public var fields: [FieldDefinition]
    /// A CRS definition PROJ accepts ("EPSG:32635", WKT); nil when the source states none.
    public var crs: String?
    public var features: [Feature]
    /// The declared geometry type (for writers that need one up front, like GeoPackage).
    public var geometryKind: GeometryKind

    public init(name: String, fields: [FieldDefinition], crs: String?, features: [Feature] = [],
                geometryKind: GeometryKind = .unknown) {
        self.name = name
        self.fields = fields
        self.crs = crs
        self.features = features
        self.geometryKind = geometryKind
    }

    /// Index of a field by exact name, then case-insensitively.
    public func fieldIndex(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}
