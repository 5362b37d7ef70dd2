import Foundation
import GeoCore
import Scenario
import Testing
import TestSupport

/// One test per class of scenario error: each names file:line:column and the problem.
@Suite struct ScenarioErrorTests {
    /// Writes files into a fresh folder with a city file present, returns the folder.
    func folder(_ files: [String: String]) -> String {
        let dir = Fixtures.tempDir("scn")
        FileManager.default.createFile(atPath: dir + "/city.osm.pbf", contents: Data("x".utf8))
        for (name, text) in files { Fixtures.file(name, text, in: dir) }
        return dir
    }

    func failure(_ path: String) -> CovplanError? {
        do {
            _ = try ScenarioDocument.load(path)
            return nil
        } catch {
            return error as? CovplanError
        }
    }

    @Test func unknownKeyWithSuggestion() {
        let dir = folder(["s.yaml": "name: x\ncity:\n  source: city.osm.pbf\ncamras:\n  occlusion: true\n"])
        let e = failure(dir + "/s.yaml")
        #expect(e?.file == dir + "/s.yaml:4:1")
        #expect(e?.problem == "unknown key 'camras' in the scenario (did you mean 'cameras'?)")
        let nested = folder(["s.yaml": "name: x\ncity:\n  source: city.osm.pbf\n  make_vaild: true\n"])
        #expect(failure(nested + "/s.yaml")?.description == nested + "/s.yaml:4:3: unknown key 'make_vaild' in 'city' (did you mean 'make_valid'?)")
    }

    @Test func wrongType() {
        let dir = folder(["s.yaml": "name: x\ncity:\n  source: city.osm.pbf\nresponse_minutes: [3, five]\n"])
        let e = failure(dir + "/s.yaml")
        #expect(e?.file == dir + "/s.yaml:4:23")
        #expect(e?.problem.contains("must be number") == true)
        let b = folder(["s.yaml": "name: x\ncity:\n  source: city.osm.pbf\n  make_valid: yes\n"])
        #expect(failure(b + "/s.yaml")?.problem == "'city.make_valid' must be true or false, found 'yes'")
        let m = folder(["s.yaml": "name: x\ncity: city.osm.pbf\n"])
        #expect(failure(m + "/s.yaml")?.problem == "'city' must be a map of keys, found a value")
        let r = folder(["s.yaml": "name: x\ncity:\n  source: city.osm.pbf\ncameras:\n  types:\n    dome: {fov_deg: 400}\n"])
        #expect(failure(r + "/s.yaml")?.problem.contains("'cameras.types.dome.fov_deg' must be number (> 0, ≤ 360), found '400'") == true)
    }

    @Test func missingFile() {
        let dir = folder(["s.yaml": "name: x\ncity:\n  source: nowhere.gpkg\n"])
        let e = failure(dir + "/s.yaml")
        #expect(e?.file == dir + "/s.yaml:3:11")
        #expect(e?.problem.contains("missing file 'nowhere.gpkg'") == true)
        #expect(failure(dir + "/absent.yaml")?.kind == .noInput)
    }

    @Test func missingRequiredKey() {
        let dir = folder(["s.yaml": "name: x\ncity:\n  make_valid: true\n"])
        #expect(failure(dir + "/s.yaml")?.description == dir + "/s.yaml:3:3: missing required key 'source' in 'city'")
    }

    @Test func badReference() {
        let dir = folder(["s.yaml": """
        name: x
        city:
          source: city.osm.pbf
        cameras:
          types:
            sergek: {fov_deg: 30, range_m: 80}
        placement:
          cameras:
            count: 5
            types: [sergek, serjek]
        """])
        let e = failure(dir + "/s.yaml")
        #expect(e?.file == dir + "/s.yaml:10:21")
        #expect(e?.problem == "unknown camera type (cameras.types) 'serjek' (did you mean 'sergek'?)")
    }

    @Test func circularExtends() {
        let dir = folder(["a.yaml": "extends: b.yaml\nname: a\n", "b.yaml": "extends: a.yaml\nname: b\ncity:\n  source: city.osm.pbf\n"])
        let e = failure(dir + "/a.yaml")
        #expect(e?.file == dir + "/b.yaml:1:10")
        #expect(e?.problem == "circular extends: a.yaml → b.yaml → a.yaml")
    }

    @Test func yamlSyntaxError() {
        let dir = folder(["s.yaml": "name: x\ncity:\n  source: [unclosed\n"])
        let e = failure(dir + "/s.yaml")
        #expect(e?.file?.hasPrefix(dir + "/s.yaml:") == true)
        #expect(e?.problem.hasPrefix("YAML syntax error") == true)
    }

    @Test func extendsMergesMapsAndReplacesValues() throws {
        let dir = folder([
            "base.yaml": "name: base\nseed: 3\ncity:\n  source: city.osm.pbf\n  make_valid: true\nresponse_minutes: [3, 5]\n",
            "plan.yaml": "extends: base.yaml\nname: plan\ncity:\n  skip_invalid: true\nresponse_minutes: [10]\n",
        ])
        let doc = try ScenarioDocument.load(dir + "/plan.yaml")
        #expect(doc.name == "plan" && doc.seed == 3)
        #expect(doc.root.at("city.make_valid")?.bool == true && doc.root.at("city.skip_invalid")?.bool == true)
        #expect(doc.root["response_minutes"]?.items.compactMap(\.number) == [10])
        #expect(doc.cityReadOptions().primary == dir + "/city.osm.pbf")
        #expect(doc.files.count == 2)
    }

    @Test func bundledScenariosValidate() throws {
        for name in ["helsinki-baseline.yaml", "helsinki-plan.yaml"] {
            let doc = try ScenarioDocument.load(Fixtures.repoRoot + "/scenarios/" + name)
            #expect(doc.cityReadOptions().primary?.hasSuffix("geodata/helsinki-center.osm.pbf") == true)
        }
    }

    @Test func schemaDocumentIsCurrent() throws {
        let text = try String(contentsOfFile: Fixtures.repoRoot + "/scenarios/SCHEMA.md", encoding: .utf8)
        #expect(text.contains(SchemaMarkdown.render()), "regenerate with: covplan validate --schema-markdown x")
    }
}
