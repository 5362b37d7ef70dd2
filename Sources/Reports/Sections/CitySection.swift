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
    public static func build(_ city: City, loc: Loc = .en) -> ReportSection {
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
            title: loc["city.map.title"],
            caption: loc["city.map.caption_plain"],
            layers: [
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.5), color: Palette.building, label: loc["legend.buildings"]),
                MapLayerStyle(layer: streets, symbol: .line(width: 1), color: Palette.street, label: loc["legend.streets"],
                              categoryField: "drivable", categories: [("false", Palette.street), ("true", Palette.drivable)],
                              categoryLabels: ["false": loc["legend.other_streets"], "true": loc["legend.drivable_streets"]]),
                MapLayerStyle(layer: schools, symbol: .fill(opacity: 0.7), color: Palette.school, label: loc["legend.schools"],
                              outline: "#8d6e00", labelField: "name"),
                MapLayerStyle(layer: cameras, symbol: .point(radius: 2.5), color: Palette.camera, label: loc["legend.cameras"]),
            ], labels: StreetLabels.top(city))
        let table = ReportTable(name: "street_length_by_class", title: loc["city.table.by_class"],
                                columns: ["highway", "lines", "length_m"],
                                rows: s.lengthByClassM.map { [.string($0.highway), .int(Int64($0.segments)), .double(($0.lengthM * 10).rounded() / 10)] },
                                enumColumns: ["highway"])
        var ingestRows: [[FieldValue]] = city.ingest.repaired.map { [.string("repaired"), .string($0.layer), .string($0.feature), .string($0.problem)] }
        ingestRows += city.ingest.skipped.map { [.string("skipped"), .string($0.layer), .string($0.feature), .string($0.problem)] }
        var tables = [table]
        if !ingestRows.isEmpty {
            // The CSV lists every feature (layer, OSM id, problem with its position); the report
            // counts them by what went wrong, in words.
            let all = city.ingest.repaired.map { ("repaired", $0.problem) } + city.ingest.skipped.map { ("skipped", $0.problem) }
            var counts: [String: Int] = [:]
            var order: [String] = []
            for (action, problem) in all {
                let key = action + " " + IngestProblem.kind(problem)
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
            tables.append(ReportTable(name: "ingest_summary", title: loc["city.table.ingest"], columns: ["action", "problem", "features"],
                                      rows: order.map { k in
                                          let parts = k.split(separator: " ").map(String.init)
                                          return [.string(parts[0]), .string(parts[1]), .int(Int64(counts[k]!))]
                                      }, enumColumns: ["action", "problem"]))
            tables.append(ReportTable(name: "ingest", title: loc["city.table.ingest"], columns: ["action", "layer", "feature", "problem"], rows: ingestRows,
                                      enumColumns: ["action"], reportHidden: ["action", "layer", "feature", "problem"]))
        }
        let km = { (m: Double) in loc.num(m / 1000) }
        return ReportSection(
            key: "city", title: loc["city.title"],
            summary: summary,
            findings: [
                loc.t("city.f.streets", km(s.streetLengthM), loc.num(s.streetSegments), km(s.drivableLengthM)),
                loc.t("city.f.objects", loc.num(s.buildings), loc.num(s.schools), loc.num(s.policeStations), loc.num(s.cameras), loc.num(s.camerasWithHeading)),
                loc.t("city.f.ingest", loc.num(city.ingest.repaired.count), loc.num(city.ingest.skipped.count)),
            ],
            layers: [streets, buildings, schools, cameras].filter { !$0.features.isEmpty },
            tables: tables, maps: [map],
            charts: [ReportChart(title: loc["city.chart.by_class"], unit: loc["unit.km"],
                                 bars: s.lengthByClassM.map { (loc.value($0.highway), ($0.lengthM / 10).rounded() / 100, RoadClass.isDrivable($0.highway)) },
                                 note: loc["chart.note.drivable"])])
    }
}
