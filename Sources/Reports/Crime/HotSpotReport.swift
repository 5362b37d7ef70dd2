import CityModel
import CrimeAnalysis
import Foundation
import GeoCore

/// The outputs of `covplan hotspots`: `summary.json`, `hot_spots.geojson`, `hot_spots.csv`.
///
/// Layer `hot_spots`, one square cell polygon per grid cell (working CRS; WGS 84 in GeoJSON):
/// `id, column, row, count` (incidents, or the sum of their weights), `density` (quartic kernel
/// density at the cell centre, incidents per km²), `gi_z` (Getis–Ord Gi* z-score), `p`
/// (two-sided normal), `p_fdr` (Benjamini–Hochberg), `class` (`hot`, `cold`, `ns`) and `weight`
/// (= count for hot cells, 0 otherwise: what `place posts --hot-spots` and `simulate --hot-spots`
/// read).
public enum HotSpotReport {
    public static let fields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("column", .int), FieldDefinition("row", .int),
        FieldDefinition("count", .double), FieldDefinition("density", .double), FieldDefinition("gi_z", .double),
        FieldDefinition("p", .double), FieldDefinition("p_fdr", .double), FieldDefinition("class", .string),
        FieldDefinition("weight", .double),
    ]

    /// The grid as a layer in the working CRS (every cell; `onlyNonEmpty` keeps cells with an
    /// incident, density or a significant class).
    public static func layer(_ r: HotSpotResult, crs: WorkingCRS, onlyNonEmpty: Bool = false) -> FeatureLayer {
        let cells = onlyNonEmpty ? r.cells.filter { $0.count > 0 || $0.densityPerKm2 > 0 || $0.hotSpotClass != .ns } : r.cells
        let features = cells.map { c in
            let e = c.envelope
            let ring = [Point(x: e.minX, y: e.minY), Point(x: e.maxX, y: e.minY), Point(x: e.maxX, y: e.maxY),
                        Point(x: e.minX, y: e.maxY), Point(x: e.minX, y: e.minY)]
            return Feature(id: c.id, geometry: .polygon(Polygon(exterior: ring)), values: [
                .string(c.id), .int(Int64(c.column)), .int(Int64(c.row)), .double(c.count), .double(c.densityPerKm2),
                .double(c.giZ), .double(c.p), .double(c.pFDR), .string(c.hotSpotClass.rawValue),
                .double(c.hotSpotClass == .hot ? c.count : 0),
            ])
        }
        return FeatureLayer(name: "hot_spots", fields: fields, crs: crs.identifier, features: features, geometryKind: .polygon)
    }

    /// The summary object (deterministic key order); `top` lists the hottest cells by z.
    public static func summary(_ r: HotSpotResult, outside: Int, inputs: [(String, JSONValue)], top: Int = 10) -> JSONValue {
        let o = r.options
        let hottest = r.cells.filter { $0.hotSpotClass == .hot }.sorted { ($0.giZ, $1.id) > ($1.giZ, $0.id) }.prefix(top)
        return .object([
            ("method", .string("quartic kernel density (Silverman 1986) and Getis–Ord Gi* (Ord & Getis 1995) with binary distance-band weights including the cell, two-sided normal p, Benjamini–Hochberg false-discovery rate")),
            ("cell_m", .number(o.cellMeters)),
            ("bandwidth_m", .number(o.bandwidthMeters)),
            ("band_m", .number(o.effectiveBandMeters)),
            ("alpha", .number(o.alpha)),
            ("columns", .number(Double(r.columns))),
            ("rows", .number(Double(r.rows))),
            ("cells", .number(Double(r.cells.count))),
            ("neighbours_per_cell", .number(Double(r.neighboursPerCell))),
            ("incidents", .number(Double(r.incidentCount))),
            ("incident_weight", .number(r.totalWeight)),
            ("incidents_outside", .number(Double(outside))),
            ("hot_cells", .number(Double(r.count(.hot)))),
            ("cold_cells", .number(Double(r.count(.cold)))),
            ("ns_cells", .number(Double(r.count(.ns)))),
            ("weight_in_hot_cells", .number(r.weightInHotCells)),
            ("share_in_hot_cells", .num(r.totalWeight > 0 ? r.weightInHotCells / r.totalWeight : nil)),
            ("max_density_per_km2", .num(r.cells.map(\.densityPerKm2).max())),
            ("hottest", .array(hottest.map { c in
                .object([("id", .string(c.id)), ("count", .number(c.count)), ("density", .number(c.densityPerKm2)),
                         ("gi_z", .number(c.giZ)), ("p_fdr", .number(c.pFDR))])
            })),
            ("inputs", .object(inputs)),
        ])
    }

    /// Writes DIR/summary.json, DIR/hot_spots.geojson and DIR/hot_spots.csv atomically.
    public static func write(_ r: HotSpotResult, outside: Int, crs: WorkingCRS, inputs: [(String, JSONValue)], to dir: String,
                             overwrite: Bool, finish: (JSONValue) -> JSONValue) throws {
        let layer = layer(r, crs: crs)
        try AnalysisFolder(summary: finish(summary(r, outside: outside, inputs: inputs)),
                           entries: [.layer("hot_spots", layer), .attributeCSV("hot_spots", layer)])
            .write(to: dir, overwrite: overwrite)
    }
}
