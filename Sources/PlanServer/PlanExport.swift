import CityModel
import Foundation
import GeoCore
import Reports
import Staffing

/// The edited plan as files: a scenario that extends the served one with this plan's cameras,
/// posts and street-block moves between precincts, the two layers as GeoPackage in the working CRS (read back without any reprojection, so
/// `covplan run` sees exactly the served coordinates) and as RFC 7946 GeoJSON for other tools.
public enum PlanExport {
    /// Camera fields: every `CameraRecord` field under the name the city loader reads.
    static let cameraFields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("type", .string), FieldDefinition("surveillance", .string),
    ] + EditRequest.cameraNumbers.map { FieldDefinition($0.key, .double) }

    /// The cameras as a point layer `cameras` in `crs`.
    public static func camerasLayer(_ cameras: [CameraRecord], crs: String) -> FeatureLayer {
        func d(_ v: Double?) -> FieldValue { v.map(FieldValue.double) ?? .null }
        func s(_ v: String?) -> FieldValue { v.map(FieldValue.string) ?? .null }
        var layer = FeatureLayer(name: "cameras", fields: cameraFields, crs: crs, geometryKind: .point)
        layer.features = cameras.map { c in
            Feature(id: c.id, geometry: .point(c.position), values: [
                .string(c.id), s(c.type), s(c.surveillance), d(c.headingDeg), d(c.fovDeg), d(c.rangeMeters),
                d(c.minRangeMeters), d(c.resolutionPx), d(c.lensFovDeg), d(c.focalLengthMm), d(c.sensorWidthMm),
                d(c.heightMeters), d(c.tiltDeg), d(c.vfovDeg), d(c.irRangeMeters),
            ])
        }
        return layer
    }

    /// The posts as a point layer `posts` (field `id`) in `crs`.
    public static func postsLayer(ids: [String], points: [Point], crs: String) -> FeatureLayer {
        var layer = FeatureLayer(name: "posts", fields: [FieldDefinition("id", .string)], crs: crs, geometryKind: .point)
        layer.features = zip(ids, points).map { Feature(id: $0, geometry: .point($1), values: [.string($0)]) }
        return layer
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 { out += String(format: "\\x%02X", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }

    /// The scenario text: `extends` the base (a path as written into the file), this folder's
    /// cameras replace the inventory, its posts replace the posts (when there are any).
    /// - Parameters:
    ///   - postsFilter: true when the base's posts layer has a `where` filter, which is reset.
    ///   - moves: every block move (the base's `precincts.moves` first), written as
    ///     `precincts.moves` (which replaces the base's list); points in the working CRS, written
    ///     in full (shortest round-trip) precision so the runner finds the same blocks.
    static func scenarioText(extends base: String, name: String, revision: Int, hasPosts: Bool, postsFilter: Bool,
                             moves: [BlockMove] = []) -> String {
        var t = """
        # The plan as edited in `covplan serve` (revision \(revision)): the scenario it extends, with this
        # folder's cameras replacing the camera inventory\(hasPosts ? " and its posts replacing the posts" : "").
        # `covplan run` on this file reproduces the figures the server showed.
        extends: \(quoted(base))
        name: \(quoted(name))
        cameras:
          include_mapped: false
          sources:
            - source: cameras.gpkg
              layer: cameras

        """
        if hasPosts {
            t += """
            posts:
              from: layer
              layer:
                source: posts.gpkg
                layer: posts
                fields:
                  id: id

            """
            if postsFilter { t += "    where: \"1 = 1\"\n" }
        }
        if !moves.isEmpty {
            t += "precincts:\n  moves:\n"
            for m in moves { t += "    - {at: [\(m.at.x), \(m.at.y)], to: \(quoted(m.to))}\n" }
        }
        return t
    }

    /// Writes the plan into a new folder `dir` (atomically; an existing folder only with
    /// `overwrite`): `scenario.yaml`, `cameras.gpkg`, `posts.gpkg`, `cameras.geojson`,
    /// `posts.geojson`, and `base.yaml` when the served plan came from a city rather than a
    /// scenario file (`baseText`). Returns the scenario text.
    /// - Throws: `CovplanError` from the writers (73 cannot create, 74 I/O).
    public static func write(_ session: PlanSession, to dir: String, overwrite: Bool, servedScenario: String?,
                             baseText: String?) throws -> String {
        let crs = session.scenario.city.crs.identifier
        let cams = camerasLayer(session.cameras, crs: crs)
        let posts = postsLayer(ids: session.posts.ids, points: session.posts.points, crs: crs)
        let hasPosts = !session.posts.ids.isEmpty
        let base: String
        if let servedScenario {
            base = URL(fileURLWithPath: servedScenario).standardizedFileURL.path
        } else {
            base = "base.yaml"
        }
        let text = scenarioText(extends: base, name: session.scenario.doc.name + " (edited)", revision: session.revision,
                                hasPosts: hasPosts, postsFilter: session.scenario.doc.root.at("posts.layer.where") != nil,
                                moves: session.blockMoves)
        try AtomicOutput.writeDirectory(dir, overwrite: overwrite) { tmp in
            func p(_ name: String) -> String { (tmp as NSString).appendingPathComponent(name) }
            try AtomicOutput.write(text, to: p("scenario.yaml"))
            if let baseText { try AtomicOutput.write(baseText, to: p("base.yaml")) }
            try LayerExport.write(cams, to: p("cameras.gpkg"), format: .gpkg, overwrite: false)
            try LayerExport.write(cams, to: p("cameras.geojson"), format: .geojson, overwrite: false)
            if hasPosts {
                try LayerExport.write(posts, to: p("posts.gpkg"), format: .gpkg, overwrite: false)
                try LayerExport.write(posts, to: p("posts.geojson"), format: .geojson, overwrite: false)
            }
        }
        return text
    }
}
