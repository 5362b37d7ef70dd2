import CityModel
import GeoCore
import PROJBridge

/// Chooses and checks the working CRS.
public enum WorkingCRSChoice {
    /// Parses and checks a user-given working CRS: it must be an EPSG code of a projected CRS
    /// in metres (`EPSG:32643`, `32643`). Geographic CRSs are refused: covplan never measures
    /// lengths or areas in degrees.
    public static func parse(_ text: String) throws(CovplanError) -> WorkingCRS {
        let trimmed = text.uppercased().hasPrefix("EPSG:") ? String(text.dropFirst(5)) : text
        guard let code = Int(trimmed), code > 0 else {
            throw CovplanError(.usage, "working CRS (city.crs, --crs) '\(text)': give an EPSG code such as EPSG:32643")
        }
        let info: CRSInfo
        do {
            info = try CRSInfo.describe("EPSG:\(code)")
        } catch {
            throw CovplanError(.usage, "working CRS (city.crs, --crs) EPSG:\(code): \(error.message)")
        }
        guard info.isMetricProjected else {
            throw CovplanError(.usage, "working CRS (city.crs, --crs) EPSG:\(code) (\(info.name)) is not a projected CRS in metres; covplan measures lengths and areas in metres (try the UTM zone, e.g. EPSG:32643 for Almaty)")
        }
        return WorkingCRS(epsg: code)
    }

    /// The WGS 84 / UTM zone holding the centre of `envelope`, given in CRS `crs`.
    public static func utm(centreOf envelope: Envelope, crs: String) throws(CovplanError) -> WorkingCRS {
        guard !envelope.isEmpty else { throw CovplanError(.dataError, "no coordinates to choose a working CRS from") }
        var centre = envelope.center
        do {
            let t = try CoordinateTransformer(from: crs, to: "EPSG:4326")
            centre = try t.transform(centre)
        } catch {
            throw CovplanError(.dataError, "cannot place the data on the globe to choose a UTM zone: \(error.message)")
        }
        guard abs(centre.y) <= 84 else {
            throw CovplanError(.dataError, "data centre at latitude \(centre.y) is outside the UTM zones; give a working CRS (city.crs, --crs)")
        }
        return WorkingCRS(epsg: UTMZone.epsg(longitude: centre.x, latitude: centre.y))
    }
}

extension WorkingCRSChoice {
    /// The largest tolerated length scale error of a user-given working CRS over the data's
    /// extent: 0.5 % (a UTM zone stays under 0.1 % inside its zone).
    public static let maxScaleError = 0.005

    /// Nine places of `envelope` (corners, edge midpoints, centre; in CRS `crs`) as WGS 84
    /// longitude/latitude.
    static func samplePlaces(of envelope: Envelope, crs: String) throws(CovplanError) -> [Point] {
        let xs = [envelope.minX, (envelope.minX + envelope.maxX) / 2, envelope.maxX]
        let ys = [envelope.minY, (envelope.minY + envelope.maxY) / 2, envelope.maxY]
        var pts: [Point] = []
        for y in ys { for x in xs { pts.append(Point(x, y)) } }
        do {
            let t = try CoordinateTransformer(from: crs, to: "EPSG:4326")
            try t.transform(&pts)
        } catch {
            throw CovplanError(.dataError, "cannot place the data on the globe to check the working CRS: \(error.message)")
        }
        return pts
    }

    /// The working CRS's worst length scale error over the data and the places measured.
    static func scaleSamples(_ crs: WorkingCRS, places: [Point]) throws(CovplanError) -> [ScaleError.Sample] {
        do {
            return try ScaleError.measure(crs: crs.identifier, lonLat: places)
        } catch {
            throw CovplanError(.usage, "working CRS \(crs) cannot represent the data's extent: \(error.message)")
        }
    }

    /// `+1.23 %` for a scale factor of 1.0123.
    static func percent(_ error: Double) -> String {
        let p = (error * 10_000).rounded() / 100
        return (p >= 0 ? "+" : "") + String(p) + " %"
    }

    /// Checks a user-given working CRS against the data: when its length scale error at any of
    /// the extent's corners, edge midpoints or centre exceeds `maxScaleError`, throws
    /// `CovplanError(.usage)` naming the CRS, the error in percent and the UTM zone of the
    /// data's centre. `envelope` is in CRS `envelopeCRS`.
    public static func checkDistortion(_ crs: WorkingCRS, envelope: Envelope, envelopeCRS: String) throws(CovplanError) {
        guard !envelope.isEmpty else { return }
        let places = try samplePlaces(of: envelope, crs: envelopeCRS)
        let samples = try scaleSamples(crs, places: places)
        guard let worst = samples.max(by: { abs($0.error) < abs($1.error) }), abs(worst.error) > maxScaleError else { return }
        let utm = try utm(centreOf: envelope, crs: envelopeCRS)
        let name = (try? CRSInfo.describe(crs.identifier).name).map { " (\($0))" } ?? ""
        let utmName = (try? CRSInfo.describe(utm.identifier).name).map { " (\($0))" } ?? ""
        let at = "\(fmt(worst.lonLat.y))°\(worst.lonLat.y >= 0 ? "N" : "S") \(fmt(worst.lonLat.x))°\(worst.lonLat.x >= 0 ? "E" : "W")"
        throw CovplanError(.usage, "working CRS \(crs)\(name) distorts lengths by \(percent(worst.error)) over the data's extent (at \(at); limit ±\(percent(maxScaleError).dropFirst())): use the UTM zone \(utm)\(utmName), or accept the distortion with --allow-distortion (scenario: city.allow_distortion: true)")
    }

    /// A warning when the data's extent spans more than one UTM zone (the automatic choice
    /// `crs` is the zone of the centre), giving the scale error at the west and east edges;
    /// nil otherwise. `envelope` is in CRS `envelopeCRS`.
    public static func zoneSpanWarning(_ crs: WorkingCRS, envelope: Envelope, envelopeCRS: String) throws(CovplanError) -> String? {
        guard !envelope.isEmpty else { return nil }
        let places = try samplePlaces(of: envelope, crs: envelopeCRS)
        let zones = Set(places.map { UTMZone.zone(longitude: $0.x, latitude: $0.y) })
        guard zones.count > 1 else { return nil }
        let samples = try scaleSamples(crs, places: places)
        // Rows of three: west, middle, east.
        let west = stride(from: 0, to: samples.count, by: 3).map { samples[$0] }
        let east = stride(from: 2, to: samples.count, by: 3).map { samples[$0] }
        func worst(_ s: [ScaleError.Sample]) -> Double { s.map(\.error).max(by: { abs($0) < abs($1) }) ?? 0 }
        let z = zones.sorted()
        return "the data spans UTM zones \(z.first!)–\(z.last!); in the working CRS \(crs) (zone of the centre) lengths are off by \(percent(worst(west))) at the west edge and \(percent(worst(east))) at the east edge (give --crs to choose another CRS)"
    }

    static func fmt(_ v: Double) -> String { String((v * 100).rounded() / 100) }
}
