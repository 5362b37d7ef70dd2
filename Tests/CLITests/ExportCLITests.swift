import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

@Suite struct ExportCLITests {
    func export(_ kind: String, _ name: String, extra: [String] = []) throws -> (path: String, result: CLI.Result) {
        let path = Fixtures.tempDir("export") + "/" + name
        let r = try CLI.run(["export", Fixtures.helsinkiPBF, "--make-valid", "--layer", kind, "-o", path] + extra)
        return (path, r)
    }

    @Test func geoJSONReadsBackWithGDALAndFollowsRFC7946() throws {
        let (path, r) = try export("buildings", "b.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let src = try VectorSource(path: path)
        let (layer, _) = try src.read(layer: src.layerNames[0])
        #expect(layer.features.count == 482)
        #expect(layer.crs == "EPSG:4326")

        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        #expect(!text.contains("\"crs\""))
        let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var exteriors = 0, holes = 0
        for f in doc["features"] as! [[String: Any]] {
            let g = f["geometry"] as! [String: Any]
            #expect(g["type"] as? String == "MultiPolygon")
            for poly in g["coordinates"] as! [[[[Double]]]] {
                for (k, ring) in poly.enumerated() {
                    let area = Planar.signedArea(ring.map { Point($0[0], $0[1]) })
                    if k == 0 { exteriors += 1; #expect(area > 0) } else { holes += 1; #expect(area < 0) }
                    for c in ring { #expect(c.allSatisfy { v in (v * 1e7).rounded() / 1e7 == v }) }
                }
            }
        }
        #expect(exteriors >= 482)
    }

    @Test func camerasRoundTripToTheirOSMCoordinates() throws {
        let (path, r) = try export("cameras", "c.geojson")
        #expect(r.status == 0, "\(r.stderr)")
        let back = try VectorSource(path: path).read(layer: "cameras").layer
        let raw = try VectorSource(path: Fixtures.helsinkiPBF).read(layer: "points", attributeFilter: "man_made = 'surveillance'").layer
        #expect(back.features.count == raw.features.count)
        let original = Dictionary(uniqueKeysWithValues: raw.features.map { ("node/\($0.values[0].text!)", $0.geometry!) })
        let idIndex = back.fieldIndex("id")!
        for f in back.features {
            guard case .point(let p)? = f.geometry, case .point(let o)? = original[f.values[idIndex].text!] else {
                Issue.record("missing camera \(f.id)")
                continue
            }
            // 4326 → UTM 35N → 4326, then rounded to 7 decimals: within half a unit of the 7th.
            #expect(abs(p.x - o.x) <= 5.1e-8 && abs(p.y - o.y) <= 5.1e-8)
        }
    }

    @Test(arguments: [("streets", "s.gpkg", 2504), ("schools", "sc.fgb", 3), ("streets", "s.fgb", 2504)])
    func gdalFormatsReadBack(kind: String, name: String, count: Int) throws {
        let (path, r) = try export(kind, name)
        #expect(r.status == 0, "\(r.stderr)")
        let src = try VectorSource(path: path)
        let info = try src.info(layer: kind)
        #expect(info.featureCount == count)
        #expect(info.crs == "EPSG:32635")
    }

    @Test func refusesToOverwrite() throws {
        let (path, r) = try export("schools", "s.geojson")
        #expect(r.status == 0)
        let before = FileManager.default.contents(atPath: path)
        let again = try CLI.run(["export", Fixtures.helsinkiPBF, "--make-valid", "--layer", "cameras", "-o", path])
        #expect(again.status == 73)
        #expect(again.stderr.contains("--overwrite"))
        #expect(FileManager.default.contents(atPath: path) == before)
        let forced = try CLI.run(["export", Fixtures.helsinkiPBF, "--make-valid", "--layer", "cameras", "-o", path, "--overwrite"])
        #expect(forced.status == 0)
    }

    @Test func emptyKindIsAnError() throws {
        let (path, r) = try export("police", "p.geojson")
        #expect(r.status == 65)
        #expect(r.stderr.contains("no police"))
        #expect(!Fixtures.exists(path))
    }
}
