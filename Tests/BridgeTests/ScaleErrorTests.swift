import Foundation
import GeoCore
import PROJBridge
import Testing

/// The scale factor of a CRS against textbook values computed here independently.
@Suite struct ScaleErrorTests {
    /// Web Mercator is a sphere of radius a: east–west it scales by 1/cos φ against the sphere,
    /// against the ellipsoid by ν-ratio N(φ)/a, so at 60° N lengths come out about doubled.
    @Test func webMercatorAt60NDoublesLengths() throws {
        let s = try ScaleError.measure(crs: "EPSG:3857", lonLat: [Point(24.94, 60)])
        let phi = 60.0 * Double.pi / 180
        let e2 = 0.00669437999014
        let n = 1 / (1 - e2 * sin(phi) * sin(phi)).squareRoot()  // N(φ)/a
        let eastWest = 1 / (cos(phi) * n)
        #expect(abs(s[0].scale - eastWest) / eastWest < 0.002, "\(s[0].scale) vs \(eastWest)")
        #expect(abs(s[0].scale - 2) < 0.01)
        // Almaty, 43.2° N: +37 %.
        let almaty = try ScaleError.measure(crs: "EPSG:3857", lonLat: [Point(76.9, 43.2)])
        #expect(abs(almaty[0].error - 0.37) < 0.01, "\(almaty[0].error)")
    }

    /// UTM: k = 0.9996 on the central meridian; k ≈ 0.9996·(1 + (Δλ cos φ)²/2) beside it.
    @Test func utmMatchesTheTransverseMercatorScaleFormula() throws {
        let centre = try ScaleError.measure(crs: "EPSG:32635", lonLat: [Point(27, 60.17)])
        #expect(abs(centre[0].scale - 0.9996) < 1e-5, "\(centre[0].scale)")
        let helsinki = try ScaleError.measure(crs: "EPSG:32635", lonLat: [Point(24.94, 60.17)])
        let dl = (24.94 - 27) * Double.pi / 180, phi = 60.17 * Double.pi / 180
        let k = 0.9996 * (1 + pow(dl * cos(phi), 2) / 2)
        #expect(abs(helsinki[0].scale - k) < 2e-5, "\(helsinki[0].scale) vs \(k)")
        #expect(abs(helsinki[0].error) < 0.001)
    }
}
