import GeoCore
import StreetGraph

/// Street-graph results as `FeatureLayer`s (working CRS) and `summary.json`, in the schemas that
/// `covplan graph`, `covplan reach` and `covplan nearest` document.
public enum StreetGraphLayers {
    static func r(_ v: Double, _ scale: Double = 100) -> FieldValue { v.isFinite ? .double((v * scale).rounded() / scale) : .null }

    /// `graph.geojson`: one LineString per edge with `edge`, `from`, `to` (node ids), `length_m`,
    /// `seconds` (whole edge), `forward` / `backward` (allowed directions from → to / to → from),
    /// `street_id`, `component` (of the `from` node; 0 = main network).
    public static func graph(_ g: RoadGraph, crs: String) -> FeatureLayer {
        let fields = [
            FieldDefinition("edge", .int), FieldDefinition("from", .int), FieldDefinition("to", .int),
            FieldDefinition("length_m", .double), FieldDefinition("seconds", .double),
            FieldDefinition("forward", .bool), FieldDefinition("backward", .bool),
            FieldDefinition("street_id", .string), FieldDefinition("component", .int),
        ]
        var features: [Feature] = []
        features.reserveCapacity(g.edgeCount)
        for e in 0..<g.edgeCount {
            features.append(Feature(id: "edge/\(e)", geometry: .lineString(g.geometry(ofEdge: e)), values: [
                .int(Int64(e)), .int(Int64(g.edgeFrom[e])), .int(Int64(g.edgeTo[e])),
                r(g.edgeLengthMeters[e], 1000), r(g.edgeSeconds[e], 1000),
                .bool(g.allowsForward(e)), .bool(g.allowsBackward(e)), .string(g.streetId(ofEdge: e)),
                .int(Int64(g.nodeComponent[Int(g.edgeFrom[e])])),
            ]))
        }
        return FeatureLayer(name: "graph", fields: fields, crs: crs, features: features, geometryKind: .lineString)
    }

    /// `reach.geojson`: reached street pieces banded by threshold: `minutes` (the smallest
    /// threshold within which the piece is reached), `edge`, `street_id`, `from_m`, `to_m`
    /// (metres along the edge), `length_m`.
    public static func reach(_ reach: Reach, graph g: RoadGraph, crs: String) -> FeatureLayer {
        let fields = [
            FieldDefinition("minutes", .double), FieldDefinition("edge", .int), FieldDefinition("street_id", .string),
            FieldDefinition("from_m", .double), FieldDefinition("to_m", .double), FieldDefinition("length_m", .double),
        ]
        let features = reach.pieces.enumerated().map { i, p in
            let e = Int(p.piece.edge)
            return Feature(id: "piece/\(i)", geometry: .lineString(g.geometry(ofEdge: e, fromMeters: p.piece.fromMeters, toMeters: p.piece.toMeters)), values: [
                .double(reach.thresholdsSeconds[Int(p.band)] / 60), .int(Int64(e)), .string(g.streetId(ofEdge: e)),
                r(p.piece.fromMeters), r(p.piece.toMeters), r(p.piece.lengthMeters),
            ])
        }
        return FeatureLayer(name: "reach", fields: fields, crs: crs, features: features, geometryKind: .lineString)
    }

    /// `isochrones.geojson`: one MultiPolygon per threshold with `minutes`, `area_m2`, `buffer_m`,
    /// largest threshold first (so smaller ones draw on top).
    public static func isochrones(_ isos: [Isochrone], crs: String) -> FeatureLayer {
        let fields = [FieldDefinition("minutes", .double), FieldDefinition("area_m2", .double), FieldDefinition("buffer_m", .double)]
        let features = isos.reversed().map { iso in
            Feature(id: "isochrone/\(JSONText.number(iso.seconds / 60))", geometry: .multiPolygon(iso.polygons),
                    values: [.double(iso.seconds / 60), r(iso.areaM2), .double(iso.bufferMeters)])
        }
        return FeatureLayer(name: "isochrones", fields: fields, crs: crs, features: features, geometryKind: .multiPolygon)
    }

    /// `beats.geojson`: street pieces with the `source` id serving them (null when no source
    /// reaches the piece), `edge`, `street_id`, `from_m`, `to_m`, `length_m`.
    public static func beats(_ beats: Beats, graph g: RoadGraph, sourceIds: [String], crs: String) -> FeatureLayer {
        let fields = [
            FieldDefinition("source", .string), FieldDefinition("edge", .int), FieldDefinition("street_id", .string),
            FieldDefinition("from_m", .double), FieldDefinition("to_m", .double), FieldDefinition("length_m", .double),
        ]
        let features = beats.pieces.enumerated().map { i, p in
            let e = Int(p.piece.edge)
            return Feature(id: "beat-piece/\(i)", geometry: .lineString(g.geometry(ofEdge: e, fromMeters: p.piece.fromMeters, toMeters: p.piece.toMeters)), values: [
                p.source >= 0 ? .string(sourceIds[Int(p.source)]) : .null, .int(Int64(e)), .string(g.streetId(ofEdge: e)),
                r(p.piece.fromMeters), r(p.piece.toMeters), r(p.piece.lengthMeters),
            ])
        }
        return FeatureLayer(name: "beats", fields: fields, crs: crs, features: features, geometryKind: .lineString)
    }

    /// Nearest-unit results: one Point per query point (its original location) with `id`,
    /// `snap_m` (null when unsnapped), and for j = 1…k `unit_j` (unit id) and `seconds_j`.
    public static func nearest(_ result: NearestUnits, pointIds: [String], points: [Point], snaps: [Snap?],
                               unitIds: [String], crs: String) -> FeatureLayer {
        var fields = [FieldDefinition("id", .string), FieldDefinition("snap_m", .double)]
        for j in 1...result.k { fields += [FieldDefinition("unit_\(j)", .string), FieldDefinition("seconds_\(j)", .double)] }
        let features = points.indices.map { p in
            var values: [FieldValue] = [.string(pointIds[p]), snaps[p].map { r($0.distanceMeters) } ?? .null]
            for j in 0..<result.k {
                let u = result.unit[p * result.k + j]
                values += u >= 0 ? [.string(unitIds[Int(u)]), r(result.seconds[p * result.k + j])] : [.null, .null]
            }
            return Feature(id: pointIds[p], geometry: .point(points[p]), values: values)
        }
        return FeatureLayer(name: "nearest", fields: fields, crs: crs, features: features, geometryKind: .point)
    }

    /// The `covplan reach` folder: summary.json, and unless `layers` is false reach.geojson,
    /// isochrones.geojson and beats.geojson. `sourceIds` are the ids of the snapped sources, in
    /// the order of `outcome.snappedSources`; `crs` the working CRS identifier.
    public static func reachFolder(_ outcome: ReachOutcome, graph g: RoadGraph, sourceIds: [String], crs: String, layers: Bool,
                                   finish: (JSONValue) -> JSONValue) -> AnalysisFolder {
        var folder = AnalysisFolder(summary: finish(summary(outcome.summary, graph: g)))
        if layers {
            folder.entries = [.layer("reach", reach(outcome.reach, graph: g, crs: crs)),
                              .layer("isochrones", isochrones(outcome.isochrones, crs: crs)),
                              .layer("beats", beats(outcome.beats, graph: g, sourceIds: sourceIds, crs: crs))]
        }
        return folder
    }

    /// `summary.json` of `covplan reach`: `mode`, `thresholds` [{minutes, street_length_m,
    /// street_fraction, residents, schools}], `sources`, `unsnapped`, `unsnapped_ids`,
    /// `max_snap_m`, `total_street_length_m`, `unreachable_length_m`, `residents_total`,
    /// `residents_unattached`, `schools_total`, `schools_unattached`, `population_method`,
    /// `graph` {nodes, edges, components, length_outside_main_component_m}, `beats` [{source,
    /// street_length_m, residents, schools, snap_m}].
    public static func summary(_ s: ReachSummary, graph g: RoadGraph) -> JSONValue {
        func n(_ v: Double) -> JSONValue { .num((v * 100).rounded() / 100) }
        let thresholds: [JSONValue] = s.thresholds.map { t in
            .object([("minutes", .num(t.minutes)), ("street_length_m", n(t.streetLengthMeters)),
                     ("street_fraction", .num((t.streetFraction * 1e6).rounded() / 1e6)), ("residents", n(t.residents)),
                     ("schools", .number(Double(t.schools)))])
        }
        let beats: [JSONValue] = s.beats.map { b in
            .object([("source", .string(b.source)), ("street_length_m", n(b.streetLengthMeters)), ("residents", n(b.residents)),
                     ("schools", .number(Double(b.schools))), ("snap_m", n(b.snapMeters))])
        }
        return .object([
            ("mode", .string(s.mode)),
            ("thresholds", .array(thresholds)),
            ("sources", .number(Double(s.sources))),
            ("unsnapped", .number(Double(s.unsnapped))),
            ("unsnapped_ids", .array(s.unsnappedIds.map { .string($0) })),
            ("max_snap_m", .num(s.maxSnapMeters)),
            ("total_street_length_m", n(s.totalStreetLengthMeters)),
            ("unreachable_length_m", n(s.unreachableLengthMeters)),
            ("residents_total", n(s.residentsTotal)),
            ("residents_unattached", n(s.residentsUnattached)),
            ("schools_total", .number(Double(s.schoolsTotal))),
            ("schools_unattached", .number(Double(s.schoolsUnattached))),
            ("population_method", .string(s.populationMethod)),
            ("graph", .object([
                ("nodes", .number(Double(g.nodeCount))), ("edges", .number(Double(g.edgeCount))),
                ("components", .number(Double(g.report.componentCount))),
                ("length_outside_main_component_m", n(g.report.lengthOutsideMainComponentMeters)),
            ])),
            ("beats", .array(beats)),
        ])
    }
}
