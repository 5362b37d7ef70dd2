import GeoCore

/// The city's layers as `FeatureLayer`s in covplan's documented schema (working CRS).
///
/// These schemas are what `covplan export` writes and what covplan reads back from its own
/// GeoPackages (`synth` output), so field names match the loader's canonical names.
public enum CityLayers {
    public static let streetFields = [
        FieldDefinition("id", .string), FieldDefinition("highway", .string), FieldDefinition("name", .string),
        FieldDefinition("oneway", .string), FieldDefinition("maxspeed", .double),
        FieldDefinition("drivable", .bool), FieldDefinition("walkable", .bool), FieldDefinition("length_m", .double),
    ]
    public static let buildingFields = [
        FieldDefinition("id", .string), FieldDefinition("building", .string), FieldDefinition("use", .string),
        FieldDefinition("levels", .double), FieldDefinition("footprint_m2", .double),
    ]
    public static let facilityFields = [
        FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("kind", .string),
    ]
    public static let cameraFields = [
        FieldDefinition("id", .string), FieldDefinition("heading_deg", .double), FieldDefinition("fov_deg", .double),
        FieldDefinition("range_m", .double), FieldDefinition("min_range_m", .double),
        FieldDefinition("type", .string), FieldDefinition("surveillance", .string),
    ]

    static func d(_ v: Double?) -> FieldValue { v.map { .double($0) } ?? .null }
    static func s(_ v: String?) -> FieldValue { v.map { .string($0) } ?? .null }

    /// One layer of the city, by kind.
    public static func layer(_ kind: CityLayerKind, of city: City) -> FeatureLayer {
        let crs = city.crs.identifier
        switch kind {
        case .streets:
            let features = city.streets.map { st in
                let oneway: String = switch st.oneway { case .no: "no"; case .forward: "yes"; case .reverse: "-1" }
                return Feature(id: st.id, geometry: .lineString(st.points), values: [
                    .string(st.id), .string(st.highway), s(st.name), .string(oneway), d(st.maxspeedKmh),
                    .bool(st.isDrivable), .bool(st.isWalkable), .double(st.lengthMeters),
                ])
            }
            return FeatureLayer(name: "streets", fields: streetFields, crs: crs, features: features, geometryKind: .lineString)
        case .buildings:
            let features = city.buildings.map { b in
                Feature(id: b.id, geometry: .multiPolygon(b.footprint), values: [
                    .string(b.id), .string(b.buildingTag), .string(b.use.rawValue), d(b.levels), .double(b.footprintAreaM2),
                ])
            }
            return FeatureLayer(name: "buildings", fields: buildingFields, crs: crs, features: features, geometryKind: .multiPolygon)
        case .schools, .police:
            // Footprints when every facility has one (a layer has one geometry type), else points.
            let list = kind == .schools ? city.schools : city.police
            let areas = !list.isEmpty && list.allSatisfy { !$0.footprint.isEmpty }
            let features = list.map { f in
                Feature(id: f.id, geometry: areas ? .multiPolygon(f.footprint) : .point(f.location),
                        values: [.string(f.id), s(f.name), .string(f.kind.rawValue)])
            }
            return FeatureLayer(name: kind.rawValue, fields: facilityFields, crs: crs, features: features,
                                geometryKind: areas ? .multiPolygon : .point)
        case .cameras:
            let features = city.cameras.map { c in
                Feature(id: c.id, geometry: .point(c.position), values: [
                    .string(c.id), d(c.headingDeg), d(c.fovDeg), d(c.rangeMeters), d(c.minRangeMeters), s(c.type), s(c.surveillance),
                ])
            }
            return FeatureLayer(name: "cameras", fields: cameraFields, crs: crs, features: features, geometryKind: .point)
        }
    }

    /// Number of features of a kind in the city.
    public static func count(_ kind: CityLayerKind, in city: City) -> Int {
        switch kind {
        case .streets: city.streets.count
        case .buildings: city.buildings.count
        case .schools: city.schools.count
        case .police: city.police.count
        case .cameras: city.cameras.count
        }
    }
}
