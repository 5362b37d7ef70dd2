import CityModel
import GDALBridge
import GEOSBridge
import PROJBridge

/// The geospatial libraries a city is read and measured with, as their runtimes report them.
public enum LibraryVersions {
    /// `GDAL 3.6.2, GEOS 3.11.1, PROJ 9.1.1`-style text.
    public static var summary: String {
        let geos = GEOSEngine.version.split(separator: "-").first.map(String.init) ?? GEOSEngine.version
        return "GDAL \(GDALRuntime.version), GEOS \(geos), PROJ \(PROJRuntime.version)"
    }
}
