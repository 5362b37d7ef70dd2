import Foundation
import GeoCore
import Scenario
import Testing
import TestSupport

/// The bundled scenarios' camera types rest on the DORI model: each states its level, and at its
/// `range_m` it delivers that level (pixel density `resolution_px / (2 · d · tan(lens/2))` at the
/// 3-D slant distance d from its mounting height, IEC 62676-4 densities), inside the ground its
/// tilt and vertical FOV put in the frame. Computed here from the YAML values alone.
@Suite struct BundledCameraTypesTests {
    static let densities: [String: Double] = ["detect": 25, "observe": 62.5, "recognize": 125, "identify": 250]

    @Test(arguments: ["helsinki-baseline.yaml", "helsinki-plan.yaml"])
    func everyTypeMeetsItsStatedLevelAtItsRange(_ name: String) throws {
        let doc = try ScenarioDocument.load(Fixtures.repoRoot + "/scenarios/" + name)
        let types = doc.root.at("cameras.types")?.entries ?? []
        #expect(types.count >= 4)
        for (type, _, node) in types {
            let level = try #require(node["level"]?.text, "\(name): type \(type) states no level")
            let ppm = try #require(Self.densities[level])
            let fov = try #require(node["fov_deg"]?.number)
            let lens = (node["lens_fov_deg"]?.number ?? fov) * Double.pi / 180
            let px = node["resolution_px"]?.number ?? 1920
            let k = lens < Double.pi ? px / (2 * tan(lens / 2)) : px / lens
            let range = try #require(node["range_m"]?.number)
            let h = try #require(node["height_m"]?.number, "\(name): type \(type) has no mounting height")
            let density = k / (range * range + h * h).squareRoot()
            #expect(density >= ppm, "\(name): \(type) gives \(density) px/m at \(range) m, below \(level) (\(ppm))")
            #expect(node["ir_range_m"]?.number != nil, "\(name): \(type) has no night range")
            if let t = node["tilt_deg"]?.number, let v = node["vfov_deg"]?.number {
                let upper = (t - v / 2) * Double.pi / 180, lower = (t + v / 2) * Double.pi / 180
                let far = upper <= 0 ? Double.infinity : h / tan(upper)
                let nearM = lower >= Double.pi / 2 ? 0 : h / tan(lower)
                #expect(range > nearM && range <= far, "\(name): \(type) range \(range) m outside the ground in frame \(nearM)–\(far) m")
            }
        }
        #expect(doc.root.at("cameras.covered_level")?.text ?? "observe" == "observe")
    }
}
