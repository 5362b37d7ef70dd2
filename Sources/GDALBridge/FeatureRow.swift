import CGDAL
import GeoCore

/// One feature while a layer is being read (`VectorSource.read(layer:…transform:)`): its FID,
/// its geometry in the layer's CRS, and the fields that were asked for, fetched from GDAL only
/// when asked. Valid only inside the transform it is passed to (it refers to GDAL's feature).
public struct FeatureRow {
    let handle: OGRFeatureH
    /// OGR field indices and types of the fields read (storage owned by the read's plan).
    let indices: UnsafeBufferPointer<Int32>
    let types: UnsafeBufferPointer<FieldType>
    /// The OGR feature id.
    public let fid: Int64
    /// The geometry in the layer's CRS; nil when the feature has none.
    public let geometry: Geometry?

    /// Number of fields read: positions `0 ..< fieldCount` in the order they were asked for.
    public var fieldCount: Int { indices.count }

    /// The value of the `k`-th field read (`.null` when unset or NULL).
    public func value(_ k: Int) -> FieldValue {
        VectorSource.value(handle, indices[k], types[k])
    }

    /// The row as a plain `Feature`: id = FID as text, every field read.
    public var feature: Feature {
        Feature(id: String(fid), geometry: geometry, values: (0..<fieldCount).map(value))
    }
}
