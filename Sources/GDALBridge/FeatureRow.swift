import CGDAL
import GeoCore

/// One feature while a layer is being read (`VectorSource.read(layer:…transform:)`): its FID,
/// its geometry in the layer's CRS, and the fields that were asked for, fetched only when
/// asked. Valid only inside the transform it is passed to (it refers to GDAL's feature or to
/// the current row of a direct GeoPackage read).
public struct FeatureRow {
    /// Where the field values are: an OGR feature and the OGR field indices of the fields read,
    /// or the current row of a direct GeoPackage read (`GeoPackageTable`) and which of its
    /// columns are 32-bit. Buffers are owned by the read.
    enum Source {
        case ogr(OGRFeatureH, indices: UnsafeBufferPointer<Int32>)
        case sqlite(OpaquePointer, int32: UnsafeBufferPointer<Bool>)
    }

    let source: Source
    /// Types of the fields read.
    let types: UnsafeBufferPointer<FieldType>
    /// The OGR feature id.
    public let fid: Int64
    /// The geometry decoded before the row was made (every row but those with `singleRing`).
    let decoded: Geometry?
    /// For a row with `singleRing`: the GeoPackage blob, decoded only when `geometry` is asked for.
    let blob: UnsafeRawBufferPointer?
    /// In a read asked for single rings (`VectorSource.read(…singleRings: true…)`) straight from a
    /// GeoPackage: the points of the geometry when it is a polygon of one ring or a multipolygon
    /// of one such polygon (`GeoPackageBinary.singleRing`), in a buffer the reader reuses for the
    /// next row (a value kept beyond the row stays as it is, at the cost of a fresh buffer). Nil otherwise: then `geometry` holds whatever the row has.
    public let singleRing: [Point]?

    init(source: Source, types: UnsafeBufferPointer<FieldType>, fid: Int64, geometry: Geometry?) {
        self.source = source
        self.types = types
        self.fid = fid
        self.decoded = geometry
        self.blob = nil
        self.singleRing = nil
    }

    init(source: Source, types: UnsafeBufferPointer<FieldType>, fid: Int64, blob: UnsafeRawBufferPointer, singleRing: [Point]) {
        self.source = source
        self.types = types
        self.fid = fid
        self.decoded = nil
        self.blob = blob
        self.singleRing = singleRing
    }

    /// The geometry in the layer's CRS; nil when the feature has none. For a row with
    /// `singleRing`, decoded from the blob on each call (a polygon or multipolygon of that ring:
    /// the blob was read once already, so it decodes).
    public var geometry: Geometry? {
        guard let blob else { return decoded }
        return (try? GeoPackageBinary.decode(blob.baseAddress, count: blob.count)) ?? nil
    }

    /// Number of fields read: positions `0 ..< fieldCount` in the order they were asked for.
    public var fieldCount: Int { types.count }

    /// The value of the `k`-th field read (`.null` when unset or NULL).
    public func value(_ k: Int) -> FieldValue {
        switch source {
        case .ogr(let handle, let indices): VectorSource.value(handle, indices[k], types[k])
        case .sqlite(let statement, let int32): GeoPackageTable.value(statement, k, int32: int32[k], types[k])
        }
    }

    /// The row as a plain `Feature`: id = FID as text, every field read.
    public var feature: Feature {
        Feature(id: String(fid), geometry: geometry, values: (0..<fieldCount).map(value))
    }
}
