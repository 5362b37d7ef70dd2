import CityModel
import GeoCore

/// Colours used across report maps (colour-blind-safe where it matters).
public enum Palette {
    public static let building = "#9e9e9e"
    public static let street = "#bdbdbd"
    public static let drivable = "#616161"
    public static let camera = "#1565c0"
    public static let school = "#f9a825"
    public static let good = "#2e7d32"
    public static let warn = "#ef6c00"
    public static let bad = "#c62828"
    public static let covered = "#1e88e5"
    public static let gap = "#d81b60"
    public static let proposed = "#6a1b9a"
}

/// The `city` section: what was loaded.
public enum CitySection {
    public static func build(_ city: City) -> ReportSection {
        let s = CitySummary(city)
        let byClass: [(String, JSONValue)] = s.lengthByClassM.map { ($0.highway, .num(($0.lengthM * 100).rounded() / 100)) }
        let summary: JSONValue = .object([
            ("working_crs", .string(city.crs.identifier)),
            ("street_length_m", .num((s.streetLengthM * 100).rounded() / 100)),
            ("drivable_length_m", .num((s.drivableLengthM * 100).rounded() / 100)),
            ("street_segments", .number(Double(s.streetSegments))),
            ("street_length_by_class_m", .object(byClass)),
            ("buildings", .number(Double(s.buildings))),
            ("schools", .number(Double(s.schools))),
            ("police_stations", .number(Double(s.policeStations))),
            ("cameras", .number(Double(s.cameras))),
            ("repaired_features", .number(Double(city.ingest.repaired.count))),
            ("skipped_features", .number(Double(city.ingest.skipped.count))),
        ])
        let streets = CityLayers.layer(.streets, of: city)
        let buildings = CityLayers.layer(.buildings, of: city)
        let cameras = CityLayers.layer(.cameras, of: city)
        let schools = CityLayers.layer(.schools, of: city)
        let map = ReportMap(
            title: "The city as loaded",
            caption: "Buildings, streets (drivable darker), mapped cameras and schools, in \(city.crs).",
            layers: [
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.5), color: Palette.building, label: "buildings"),
                MapLayerStyle(layer: streets, symbol: .line(width: 1), color: Palette.street, label: "streets",
                              categoryField: "drivable", categories: [("false", Palette.street), ("true", Palette.drivable)],
                              categoryLabels: ["false": "other streets", "true": "drivable streets"]),
                MapLayerStyle(layer: schools, symbol: .fill(opacity: 0.7), color: Palette.school, label: "schools"),
                MapLayerStyle(layer: cameras, symbol: .point(radius: 2), color: Palette.camera, label: "cameras"),
            ])
        let table = ReportTable(name: "street_length_by_class", title: "Street length by road class",
                                columns: ["highway", "lines", "length_m"],
                                rows: s.lengthByClassM.map { [.string($0.highway), .int(Int64($0.segments)), .double(($0.lengthM * 10).rounded() / 10)] })
        var ingestRows: [[FieldValue]] = city.ingest.repaired.map { [.string("repaired"), .string($0.layer), .string($0.feature), .string($0.problem)] }
        ingestRows += city.ingest.skipped.map { [.string("skipped"), .string($0.layer), .string($0.feature), .string($0.problem)] }
        var tables = [table]
        if !ingestRows.isEmpty {
            tables.append(ReportTable(name: "ingest", title: "Features repaired or skipped on load", columns: ["action", "layer", "feature", "problem"], rows: ingestRows))
        }
        let km = { (m: Double) in SVGChart.format(m / 1000 * 100 / 100) }
        return ReportSection(
            key: "city", title: "City",
            summary: summary,
            findings: [
                "**\(km(s.streetLengthM)) km** of streets in \(s.streetSegments) lines, of them **\(km(s.drivableLengthM)) km** drivable.",
                "\(s.buildings) buildings, \(s.schools) schools, \(s.policeStations) police stations, \(s.cameras) mapped cameras (\(s.camerasWithHeading) with a mapped direction).",
                "\(city.ingest.repaired.count) invalid polygons repaired and \(city.ingest.skipped.count) skipped on load (listed below).",
            ],
            layers: [streets, buildings, schools, cameras].filter { !$0.features.isEmpty },
            tables: tables, maps: [map],
            charts: [ReportChart(title: "Street length by road class (km)", unit: "km",
                                 bars: s.lengthByClassM.map { ($0.highway, ($0.lengthM / 10).rounded() / 100, RoadClass.isDrivable($0.highway)) })])
    }
}
