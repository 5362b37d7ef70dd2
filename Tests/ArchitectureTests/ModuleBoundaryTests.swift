import Foundation
import Testing
import TestSupport

/// The module map of DESIGN.md, checked on the source text: only the bridges import the C shims,
/// and every module imports only the project modules it may depend on (dependencies point one
/// way). A new module must be added here, with its allowed imports, to pass.
@Suite struct ModuleBoundaryTests {
    static let projectModules: Set<String> = [
        "CGDAL", "CGEOS", "CPROJ", "CSQLite", "GeoCore", "PROJBridge", "GEOSBridge", "GDALBridge", "CityModel", "CityIngest", "CitySynth",
        "StreetGraph", "Coverage", "Placement", "PlacementModels", "Staffing", "Simulation", "Scenario", "Reports", "PlanServer", "covplan",
        "CrimeAnalysis", "Budget",
    ]

    static let allowed: [String: Set<String>] = [
        "GeoCore": [],
        "PROJBridge": ["CPROJ", "GeoCore"],
        "GEOSBridge": ["CGEOS", "GeoCore"],
        "GDALBridge": ["CGDAL", "CSQLite", "GeoCore"],
        "CityModel": ["GeoCore", "GEOSBridge"],
        "CityIngest": ["GeoCore", "CityModel", "PROJBridge", "GEOSBridge", "GDALBridge", "Coverage", "StreetGraph", "Staffing",
                       "Simulation", "PlacementModels", "CrimeAnalysis", "Budget"],
        "CitySynth": ["GeoCore", "CityModel"],
        "StreetGraph": ["GeoCore", "CityModel", "GEOSBridge"],
        "Coverage": ["GeoCore", "CityModel"],
        "Placement": ["GeoCore"],
        "Budget": ["GeoCore"],
        "PlacementModels": ["GeoCore", "CityModel", "Coverage", "StreetGraph", "Placement"],
        "Staffing": ["GeoCore", "CityModel", "StreetGraph", "GEOSBridge"],
        "Simulation": ["GeoCore", "CityModel", "StreetGraph"],
        "CrimeAnalysis": ["GeoCore", "CityModel"],
        "Scenario": ["GeoCore", "CityModel", "CityIngest", "Budget", "StreetGraph", "Coverage", "Placement", "PlacementModels", "Staffing", "Simulation",
                     "CrimeAnalysis"],
        "Reports": ["GeoCore", "CityModel", "CityIngest", "Budget", "Scenario", "StreetGraph", "Coverage", "Placement", "PlacementModels", "Staffing",
                    "Simulation", "CrimeAnalysis", "GDALBridge", "PROJBridge"],
        "PlanServer": ["GeoCore", "CityModel", "CityIngest", "StreetGraph", "Coverage", "Staffing", "Scenario", "Reports", "PROJBridge"],
        "covplan": ["GeoCore", "CityModel", "CityIngest", "Budget", "CitySynth", "StreetGraph", "Coverage", "Placement", "PlacementModels", "Staffing",
                    "Simulation", "CrimeAnalysis", "Scenario", "Reports", "PlanServer", "GDALBridge", "PROJBridge"],
    ]

    static func imports(ofModule module: String) -> [(file: String, module: String)] {
        let dir = Fixtures.repoRoot + "/Sources/" + module
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [(String, String)] = []
        for case let rel as String in e where rel.hasSuffix(".swift") {
            let text = (try? String(contentsOfFile: dir + "/" + rel, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                let words = t.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" })
                else { continue }
                out.append((rel, String(words[i + 1])))
            }
        }
        return out
    }

    @Test func everySourceModuleIsKnown() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/Sources")
        for d in dirs where !d.hasPrefix(".") {
            #expect(Self.projectModules.contains(d), "module \(d) is not in the architecture table")
        }
    }

    @Test func importsFollowTheModuleMap() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/Sources")
        for module in dirs where Self.allowed[module] != nil {
            for (file, imported) in Self.imports(ofModule: module) where Self.projectModules.contains(imported) {
                #expect(Self.allowed[module]!.contains(imported), "\(module)/\(file) imports \(imported)")
            }
        }
    }

    /// Input files are read only by the ingest layer and the bridges: analyses work on values,
    /// and the planning layer, the writers and the CLI ask `CityIngest` for what they read.
    static let readers: Set<String> = ["CityIngest", "GDALBridge", "GEOSBridge", "PROJBridge"]
    static let readingCalls = ["contentsOfFile", "Data(contentsOf", "contents(atPath", "String(contentsOf", "fopen(",
                               "FileHandle(forReading", "VectorSource(", "RasterSource(", "GeoPackageTable("]
    /// The analysis modules: plain values in, plain values out.
    static let analyses: Set<String> = ["CityModel", "StreetGraph", "Coverage", "Placement", "PlacementModels", "Staffing",
                                        "Simulation", "CitySynth", "CrimeAnalysis", "Budget"]

    @Test func onlyTheIngestLayerAndTheBridgesReadFiles() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/Sources")
        let shims: Set<String> = ["CGDAL", "CGEOS", "CPROJ", "CSQLite"]
        for module in dirs where !Self.readers.contains(module) && !shims.contains(module) {
            let dir = Fixtures.repoRoot + "/Sources/" + module
            guard let e = FileManager.default.enumerator(atPath: dir) else { continue }
            for case let rel as String in e where rel.hasSuffix(".swift") {
                let text = try String(contentsOfFile: dir + "/" + rel, encoding: .utf8)
                for call in Self.readingCalls where text.contains(call) {
                    #expect(Bool(false), "\(module)/\(rel) reads files (\(call)); reading belongs in CityIngest")
                }
            }
        }
    }

    /// The scenario runner reads every input in one step (`Sources/Scenario/Ingest`) before any
    /// analysis: the rest of the module (the runner, the editable plan) cannot call a reader.
    @Test func theScenarioReadsOnlyInItsIngestStep() throws {
        let readingFiles: Set<String> = ["ScenarioDocument.swift"]
        let offenders = Self.imports(ofModule: "Scenario").filter {
            $0.module == "CityIngest" && !$0.file.hasPrefix("Ingest/") && !readingFiles.contains($0.file)
        }
        #expect(offenders.isEmpty, "\(offenders.map(\.file)) import CityIngest outside Sources/Scenario/Ingest")
        #expect(Self.imports(ofModule: "Scenario").contains { $0.file == "Ingest/ScenarioInputs.swift" && $0.module == "CityIngest" })
    }

    @Test func analysesDoNotImportGDALOrTheIngestLayer() throws {
        for module in Self.analyses {
            for (file, imported) in Self.imports(ofModule: module) {
                #expect(!["GDALBridge", "CGDAL", "PROJBridge", "CityIngest", "Scenario", "Reports"].contains(imported),
                        "\(module)/\(file) imports \(imported)")
            }
        }
    }

    /// Each Swift module says in `About.swift` what it owns and what it must not do, and the
    /// README's layout table names it.
    @Test func everyModuleSaysWhatItOwnsAndTheReadmeNamesIt() throws {
        let readme = try String(contentsOfFile: Fixtures.repoRoot + "/README.md", encoding: .utf8)
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/Sources")
        for module in dirs where !["CGDAL", "CGEOS", "CPROJ", "CSQLite"].contains(module) && !module.hasPrefix(".") {
            let about = (try? String(contentsOfFile: Fixtures.repoRoot + "/Sources/\(module)/About.swift", encoding: .utf8)) ?? ""
            #expect(about.contains("// Owns: ") && about.contains("// Must not: "), "Sources/\(module)/About.swift")
            #expect(readme.contains("`Sources/\(module)`"), "README layout table lacks Sources/\(module)")
        }
    }

    @Test func cShimsStayInTheirBridges() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/Sources")
        let owner = ["CGDAL": "GDALBridge", "CSQLite": "GDALBridge", "CGEOS": "GEOSBridge", "CPROJ": "PROJBridge"]
        for module in dirs {
            for (file, imported) in Self.imports(ofModule: module) {
                if let bridge = owner[imported] { #expect(module == bridge, "\(module)/\(file) imports \(imported)") }
            }
        }
    }
}
