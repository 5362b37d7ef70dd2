import CityModel
import Coverage
import GeoCore
import Reports
import Scenario
import StreetGraph

/// The map's layers, by name, in the working CRS (the service writes them as GeoJSON in WGS 84):
/// the city's own streets, buildings, schools and districts as the base map (no tile server),
/// and the plan's cameras, viewsheds, coverage, gaps, posts, isochrones and precinct load.
enum MapLayers {
    static let names = ["streets", "buildings", "schools", "districts", "precincts", "cameras", "viewsheds",
                        "coverage", "gaps", "posts", "isochrones"]

    static func layer(_ name: String, session s: PlanSession, level: String?) throws(PlanError) -> FeatureLayer {
        let city = s.scenario.city
        let crs = city.crs
        var coverage = s.coverage
        if let level, name == "coverage" || name == "gaps" {
            guard let l = DoriLevel(rawValue: level) else {
                throw .bad(key: "serve.err.level", DoriLevel.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if l != s.scenario.coverageOptions.coveredLevel {
                var o = s.scenario.coverageOptions
                o.coveredLevel = l
                o.levels = false
                o.headingRange = false
                o.viewsheds = false
                do {
                    coverage = try CoverageAnalysis.run(city: city, cameraRecords: s.cameras, districts: s.scenario.districts,
                                                        resolver: s.scenario.resolver, options: o)
                } catch { throw .refused(error) }
            }
        } else if level != nil {
            throw .bad(key: "serve.err.level_layers")
        }
        switch name {
        case "streets": return CityLayers.layer(.streets, of: city)
        case "buildings": return CityLayers.layer(.buildings, of: city)
        case "schools": return CityLayers.layer(.schools, of: city)
        case "districts":
            var layer = FeatureLayer(name: "districts", fields: [FieldDefinition("id", .string), FieldDefinition("name", .string)],
                                     crs: crs.identifier, geometryKind: .multiPolygon)
            layer.features = s.scenario.districts.map {
                Feature(id: $0.id, geometry: .multiPolygon($0.polygons), values: [.string($0.id), $0.name.map(FieldValue.string) ?? .null])
            }
            return layer
        case "precincts":
            guard let load = s.load else {
                return FeatureLayer(name: "precincts", fields: PrecinctLoadReport.fields, crs: crs.identifier, geometryKind: .multiPolygon)
            }
            return PrecinctLoadReport.layer(load, crs: crs)
        case "cameras": return CoverageReport.camerasLayer(s.coverage, crs: crs)
        case "viewsheds": return CoverageReport.viewshedsLayer(s.coverage, crs: crs)
        case "coverage": return CoverageReport.coverageLayer(coverage, crs: crs)
        case "gaps": return CoverageReport.gapsLayer(coverage, crs: crs)
        case "posts":
            var layer = PlanExport.postsLayer(ids: s.posts.ids, points: s.posts.points, crs: crs.identifier)
            let snapped = Set(s.reach?.snappedIds ?? [])
            layer.fields.append(FieldDefinition("snapped", .bool))
            for i in layer.features.indices { layer.features[i].values.append(.bool(snapped.contains(layer.features[i].id))) }
            return layer
        case "isochrones":
            // Drawn here, not at each post edit (the figures need none): the same call
            // `ReachAnalysis.run` makes, on the same reach.
            var polygons: [Isochrone] = []
            if let r = s.reach, let width = EditableScenario.isochroneBufferMeters {
                do { polygons = try r.graph.isochrones(of: r.outcome.reach, bufferMeters: width) } catch { throw .refused(error) }
            }
            return StreetGraphLayers.isochrones(polygons, crs: crs.identifier)
        default:
            throw .notFound(key: "serve.err.no_layer", name.oneLine, names.joined(separator: ", "))
        }
    }
}
