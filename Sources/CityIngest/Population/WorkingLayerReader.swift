import CityModel
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge

/// One feature of an auxiliary layer (precincts, census zones, incidents) in the working CRS.
public struct WorkingFeature: Sendable {
    /// OGR FID as text (for messages when the layer has no id field).
    public var fid: String
    public var geometry: Geometry?
    /// Attribute values in the order of `WorkingLayer.fields`.
    public var values: [FieldValue]
}

/// An auxiliary layer read through GDAL and reprojected into the city's working CRS.
public struct WorkingLayer: Sendable {
    public var path: String
    public var layerName: String
    public var fields: [FieldDefinition]
    public var features: [WorkingFeature]

    /// Index of `name` (exact, then case-insensitive), or of the first alias that exists.
    public func fieldIndex(_ name: String?, aliases: [String] = []) -> Int? {
        let probe = FeatureLayer(name: layerName, fields: fields, crs: nil)
        if let name { return probe.fieldIndex(name) }
        for a in aliases { if let i = probe.fieldIndex(a) { return i } }
        return nil
    }

    /// The field named by the user, or a usage error listing the layer's fields.
    public func requiredField(_ name: String, purpose: String) throws(CovplanError) -> Int {
        guard let i = fieldIndex(name) else {
            throw CovplanError(.usage, file: path, layer: layerName,
                               "no field '\(name)' for \(purpose) (fields: \(fields.map(\.name).joined(separator: ", ")))")
        }
        return i
    }
}

/// Reads any GDAL vector layer (GeoPackage, Shapefile, GeoJSON, CSV, ...) into the working CRS
/// with the loader's rules: a source without a CRS needs `sourceCRS` (which replaces a stated
/// CRS only under `forceSourceCRS`); non-finite coordinates,
/// untransformable features and (for polygon layers) invalid polygons are errors naming the
/// file, layer and feature, unless `makeValid` repairs them (GEOS make-valid).
public enum WorkingLayerReader {
    /// What geometry the layer must have.
    public enum Expect: Sendable { case polygons, points }

    /// - Parameters:
    ///   - layer: GDAL layer name; nil takes the first of `defaultNames` present, else the only
    ///     layer of a single-layer source.
    ///   - filter: OGR SQL attribute filter.
    /// - Throws: `CovplanError` (.noInput for a missing file/layer, .dataError for bad data or an
    ///   empty layer, .usage for a rejected filter).
    public static func read(path: String, layer: String?, filter: String? = nil, defaultNames: [String] = [],
                            expect: Expect, workingCRS: WorkingCRS, sourceCRS: String? = nil,
                            makeValid: Bool = false, forceSourceCRS: Bool = false, what: String) throws -> WorkingLayer {
        let src = try CityReadErrors.open(path)
        let names = src.layerNames
        let name: String
        if let layer {
            guard names.contains(layer) else {
                throw CovplanError(.noInput, file: path, "no layer named '\(layer)' (layers: \(names.joined(separator: ", ")))")
            }
            name = layer
        } else if let n = names.first(where: { defaultNames.contains($0.lowercased()) }) {
            name = n
        } else if names.count == 1 {
            name = names[0]
        } else {
            throw CovplanError(.usage, file: path, "several layers (\(names.joined(separator: ", "))): name the \(what) layer")
        }
        let (raw, _) = try CityReadErrors.gdal(path: path, layer: name) { () throws(GDALError) in
            try src.read(layer: name, attributeFilter: filter)
        }
        if raw.features.isEmpty {
            throw CovplanError(.dataError, file: path, layer: name, "layer is empty: no \(what)")
        }
        // `sourceCRS` fills in a CRS the source does not state; it replaces a stated one only
        // under `forceSourceCRS`.
        guard let crs = forceSourceCRS ? (sourceCRS ?? raw.crs) : (raw.crs ?? sourceCRS) else {
            throw CovplanError(.dataError, file: path, layer: name,
                               "the source states no CRS; give --source-crs (e.g. EPSG:4326 for longitude/latitude)")
        }
        var features: [WorkingFeature] = []
        features.reserveCapacity(raw.features.count)
        let t: CoordinateTransformer?
        if crs == workingCRS.identifier {
            t = nil
        } else {
            do { t = try CoordinateTransformer(from: crs, to: workingCRS.identifier) } catch {
                throw CovplanError(.dataError, file: path, layer: name, "cannot transform from the source CRS to \(workingCRS): \(error.message)")
            }
        }
        for f in raw.features {
            var g = f.geometry
            if let geom = g {
                guard geom.isFinite else {
                    throw CovplanError(.dataError, file: path, layer: name, feature: f.id, "coordinate is not finite (NaN or infinite)")
                }
                if let t {
                    do { g = try t.transform(geom) } catch {
                        throw CovplanError(.dataError, file: path, layer: name, feature: f.id,
                                           "cannot transform to \(workingCRS): \(error.message) (wrong --source-crs?)")
                    }
                }
            }
            switch expect {
            case .polygons:
                guard let geom = g, !geom.polygons.isEmpty else {
                    throw CovplanError(.dataError, file: path, layer: name, feature: f.id,
                                       "\(g?.typeName ?? "no geometry") where a \(what) polygon was expected")
                }
            case .points:
                guard let geom = g, geom.representativePoint != nil else {
                    throw CovplanError(.dataError, file: path, layer: name, feature: f.id, "no geometry where a point was expected")
                }
            }
            features.append(WorkingFeature(fid: f.id, geometry: g, values: f.values))
        }
        var out = WorkingLayer(path: path, layerName: name, fields: raw.fields, features: features)
        if expect == .polygons { try validate(&out, makeValid: makeValid) }
        return out
    }

    /// Checks every polygon with GEOS; repairs when asked, else throws naming the feature.
    static func validate(_ layer: inout WorkingLayer, makeValid: Bool) throws {
        let geoms = layer.features.map { Geometry.multiPolygon($0.geometry?.polygons ?? []) }
        let validity = try GeometryValidation.polygonValidity(geoms)
        var engine: GEOSEngine?
        // The user's own id, when the layer has one, names the feature better than its FID.
        let idIndex = layer.fieldIndex(nil, aliases: ["id", "precinct_id", "district_id", "zone_id", "code"])
        func name(_ i: Int) -> String {
            guard let k = idIndex, let id = layer.features[i].values[k].text, !id.isEmpty else { return layer.features[i].fid }
            return "\(layer.features[i].fid) (id '\(id)')"
        }
        for (i, report) in validity.enumerated() {
            guard let report else {
                layer.features[i].geometry = geoms[i]
                continue
            }
            let at = report.location.map { " at (\(CityAssembler.fmt($0.x)), \(CityAssembler.fmt($0.y)))" } ?? ""
            let problem = "invalid polygon: \(report.reason ?? "invalid")\(at)"
            guard makeValid else {
                throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: name(i),
                                   problem + " (repair with city.make_valid / --make-valid)")
            }
            if engine == nil { engine = try GEOSEngine() }
            let fixed = try CityAssembler.repair(geoms[i], engine: engine!)
            guard !fixed.isEmpty else {
                throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: name(i),
                                   problem + "; nothing left after repair")
            }
            layer.features[i].geometry = .multiPolygon(fixed)
        }
    }
}
