import Foundation
import GeoCore

/// CSV output of a `FeatureLayer`'s attributes (RFC 4180 quoting), with point geometries as
/// `x`, `y` columns in the layer's CRS (WGS 84 lon/lat after `LayerExport.toWGS84`).
public enum CSVExport {
    /// The CSV text: header row, then one row per feature; nulls are empty cells.
    public static func text(_ layer: FeatureLayer, decimalComma: Bool = OutputRouting.current.csvDecimalComma) -> String {
        let sep = decimalComma ? ";" : ","
        var out = CSVWriter.bom + (["x", "y"] + layer.fields.map(\.name)).map(CSVWriter.field).joined(separator: sep) + "\n"
        let digits = layer.fields.map { CSVWriter.precision($0.name) }
        for f in layer.features {
            var row: [String] = []
            if case .point(let p)? = f.geometry {
                row += [p.x, p.y].map { CSVWriter.localized(JSONText.coordinate($0), .double($0), decimalComma) }
            } else {
                row += ["", ""]
            }
            for (i, v) in f.values.enumerated() {
                row.append(CSVWriter.localized(CSVWriter.cell(v, decimals: i < digits.count ? digits[i] : nil), v, decimalComma))
            }
            out += row.joined(separator: sep) + "\n"
        }
        return out
    }

    /// Writes the layer (reprojected to WGS 84) as CSV to `path`, atomically.
    public static func write(_ layer: FeatureLayer, to path: String, overwrite: Bool) throws {
        let wgs = try LayerExport.toWGS84(layer)
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in try AtomicOutput.write(text(wgs), to: tmp) }
    }
}
