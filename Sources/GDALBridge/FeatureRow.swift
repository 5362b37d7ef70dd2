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
    /// The geometry in the layer's CRS; nil when the feature has none.
    public let geometry: Geometry?

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
