import CityIngest
import CityModel
import GeoCore
import PROJBridge

/// The `covplan inspect` report: source layers plus the city-model summary.
public enum InspectReport {
    /// The report as JSON. Keys: `source`, `driver`, `layers` [{name, feature_count,
    /// geometry_type, crs}], `working_crs`, `extent` {working, wgs84} as [minx, miny, maxx, maxy],
    /// and `city` with `street_length_m` (every class), `drivable_length_m`, `walkable_length_m`,
    /// `street_segments`, `street_length_by_class_m`, `buildings`, `buildings_with_levels`,
    /// `building_footprint_m2`, `schools`, `police_stations`, `cameras`, `cameras_with_heading`,
    /// `repaired_features`, `skipped_features`; for a prepared city also `prepared` {producer,
    /// city_checksum, file_bytes, sources [{role, path, bytes}], stored [{value, version
    /// (null: unreadable), current}]}.
    public static func json(_ source: SourceDescription, _ s: CitySummary, ingest: IngestReport) -> JSONValue {
        let layers: [JSONValue] = source.layers.map { l in
            .object([("name", .string(l.name)), ("feature_count", .number(Double(l.featureCount))),
                     ("geometry_type", .string(l.geometryType)), ("crs", .str(l.crs.map(shortCRS)))])
        }
        let e = s.extent
        var extent: [(String, JSONValue)] = [("working", .array([.num(e.minX), .num(e.minY), .num(e.maxX), .num(e.maxY)]))]
        if let w = wgs84(e, crs: s.workingCRS) {
            extent.append(("wgs84", .array([w.minX, w.minY, w.maxX, w.maxY].map { .num(($0 * 1e7).rounded() / 1e7) })))
        }
        let byClass: [(String, JSONValue)] = s.lengthByClassM.map { ($0.highway, .num(round2($0.lengthM))) }
        let city: JSONValue = .object([
            ("street_length_m", .num(round2(s.streetLengthM))),
            ("drivable_length_m", .num(round2(s.drivableLengthM))),
            ("walkable_length_m", .num(round2(s.walkableLengthM))),
            ("street_segments", .number(Double(s.streetSegments))),
            ("street_length_by_class_m", .object(byClass)),
            ("buildings", .number(Double(s.buildings))),
            ("buildings_with_levels", .number(Double(s.buildingsWithLevels))),
            ("building_footprint_m2", .num(round2(s.buildingFootprintM2))),
            ("schools", .number(Double(s.schools))),
            ("police_stations", .number(Double(s.policeStations))),
            ("cameras", .number(Double(s.cameras))),
            ("cameras_with_heading", .number(Double(s.camerasWithHeading))),
            ("repaired_features", .number(Double(s.repairedFeatures))),
            ("skipped_features", .number(Double(s.skippedFeatures))),
            ("warnings", .number(Double(ingest.warnings.count))),
        ])
        var fields: [(String, JSONValue)] = [
            ("source", .string(source.path)), ("driver", .string(source.driver)), ("layers", .array(layers)),
            ("working_crs", .string(s.workingCRS.identifier)), ("extent", .object(extent)), ("city", city),
        ]
        if let p = source.prepared {
            fields.append(("prepared", .object([
                ("producer", .string(p.producer)), ("city_checksum", .string(p.cityChecksum)),
                ("file_bytes", .number(Double(p.fileBytes))),
                ("sources", .array(p.sources.map { .object([("role", .string($0.role)), ("path", .string($0.path)),
                                                             ("bytes", .number(Double($0.bytes)))]) })),
                ("stored", .array(p.stored.map { .object([("value", .string($0.value)), ("version", .num($0.version.map(Double.init))),
                                                          ("current", .number(Double($0.current)))]) })),
            ])))
        }
        return .object(fields)
    }

    /// The prepared-city block of the text report.
    static func preparedText(_ p: PreparedCityInfo) -> String {
        var out = "\nPrepared city: \(p.fileBytes) bytes, made by \(p.producer)\n"
        out += "  city checksum  sha256:\(p.cityChecksum)\n"
        for src in p.sources { out += "  source (\(src.role))  \(src.path)  \(src.bytes) bytes\n" }
        for v in p.stored {
            let state = v.version.map { $0 == v.current ? "version \($0)" : "version \($0) (this covplan builds \(v.current))" } ?? "unreadable"
            out += "  stored \(v.value): \(state)\n"
        }
        return out
    }

    /// A human-readable report.
    public static func text(_ source: SourceDescription, _ s: CitySummary, ingest: IngestReport) -> String {
        var out = "\(source.path) (\(source.driver))\n\nLayers:\n"
        let w = max(8, source.layers.map(\.name.count).max() ?? 0)
        for l in source.layers {
            out += "  \(l.name.padding(w))  \(String(l.featureCount).leftPad(8)) features  \(l.geometryType)  \(l.crs.map(shortCRS) ?? "no CRS")\n"
        }
        out += "\nWorking CRS: \(s.workingCRS)\n"
        let e = s.extent
        out += "Extent (m): \(Int(e.minX)), \(Int(e.minY)) – \(Int(e.maxX)), \(Int(e.maxY))  (\(Int(e.width)) × \(Int(e.height)) m)\n"
        out += "\nCity model:\n"
        out += "  streets      \(s.streetSegments) lines, \(km(s.streetLengthM)) (drivable \(km(s.drivableLengthM)), walkable \(km(s.walkableLengthM)))\n"
        for c in s.lengthByClassM {
            out += "    \(c.highway.padding(16)) \(km(c.lengthM).leftPad(10))  \(String(c.segments).leftPad(5)) lines\n"
        }
        out += "  buildings    \(s.buildings) (\(s.buildingsWithLevels) with levels, footprint \(Int(s.buildingFootprintM2.rounded())) m²)\n"
        out += "  schools      \(s.schools)\n"
        out += "  police       \(s.policeStations)\n"
        out += "  cameras      \(s.cameras) (\(s.camerasWithHeading) with a heading)\n"
        if let p = source.prepared { out += preparedText(p) }
        if s.repairedFeatures + s.skippedFeatures > 0 || !ingest.warnings.isEmpty {
            out += "\nIngest: \(s.repairedFeatures) repaired, \(s.skippedFeatures) skipped, \(ingest.warnings.count) reader warnings\n"
            for i in ingest.repaired { out += "  repaired \(i.layer) \(i.feature): \(i.problem)\n" }
            for i in ingest.skipped { out += "  skipped  \(i.layer) \(i.feature): \(i.problem)\n" }
        }
        return out
    }

    static func shortCRS(_ crs: String) -> String {
        crs.count > 40 ? String(crs.prefix(37)) + "..." : crs
    }

    static func km(_ m: Double) -> String { String(format2(m / 1000)) + " km" }
    static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
    static func format2(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }

    static func wgs84(_ e: Envelope, crs: WorkingCRS) -> Envelope? {
        guard !e.isEmpty, let t = try? CoordinateTransformer(from: crs.identifier, to: "EPSG:4326") else { return nil }
        var corners = [Point(e.minX, e.minY), Point(e.maxX, e.minY), Point(e.maxX, e.maxY), Point(e.minX, e.maxY)]
        guard (try? t.transform(&corners)) != nil else { return nil }
        return Envelope(of: corners)
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
