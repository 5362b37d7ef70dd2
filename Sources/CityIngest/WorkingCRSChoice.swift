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
            throw CovplanError(.usage, "--crs '\(text)': give an EPSG code such as EPSG:32643")
        }
        let info: CRSInfo
        do {
            info = try CRSInfo.describe("EPSG:\(code)")
        } catch {
            throw CovplanError(.usage, "--crs EPSG:\(code): \(error.message)")
        }
        guard info.isMetricProjected else {
            throw CovplanError(.usage, "--crs EPSG:\(code) (\(info.name)) is not a projected CRS in metres; covplan measures lengths and areas in metres (try the UTM zone, e.g. EPSG:32643 for Almaty)")
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
            throw CovplanError(.dataError, "data centre at latitude \(centre.y) is outside the UTM zones; give --crs")
        }
        return WorkingCRS(epsg: UTMZone.epsg(longitude: centre.x, latitude: centre.y))
    }
}
