/// The geometry type a layer declares.
public enum GeometryKind: String, Sendable, Hashable {
    case none, point, lineString, polygon, multiPoint, multiLineString, multiPolygon, unknown
}
