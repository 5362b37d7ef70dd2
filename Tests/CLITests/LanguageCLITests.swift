import Foundation
import Reports
import Testing
import TestSupport

/// Issue 18, point 1: `covplan run --lang ru|kk` and `compare --lang` give reports with no
/// English interface string left; CSVs start with a BOM, headers stay machine names.
@Suite(.serialized) struct LanguageCLITests {
    static let plan = Fixtures.repoRoot + "/scenarios/helsinki-plan.yaml"
    static let base = Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml"

    /// Run folders of the plan scenario in ru and kk, and a compare folder per language.
    static let runs: [ReportLanguage: String] = {
        var out: [ReportLanguage: String] = [:]
        let dir = Fixtures.tempDir("lang")
        for lang in [ReportLanguage.ru, .kk] {
            let r = try! CLI.run(["run", plan, "-o", dir + "/" + lang.rawValue, "--lang", lang.rawValue, "--quiet"])
            precondition(r.status == 0, r.stderr)
            out[lang] = dir + "/" + lang.rawValue
        }
        return out
    }()

    static let englishBaseline: String = {
        let dir = Fixtures.tempDir("langbase") + "/base"
        let r = try! CLI.run(["run", base, "-o", dir, "--quiet"])
        precondition(r.status == 0, r.stderr)
        return dir
    }()

    /// Text nodes of an HTML document (style element dropped, entities decoded), trimmed.
    static func textNodes(_ html: String) -> [String] {
        var s = html
        if let a = s.range(of: "<style>"), let b = s.range(of: "</style>") { s.removeSubrange(a.lowerBound..<b.upperBound) }
        var nodes: [String] = []
        var current = ""
        var inTag = false
        for c in s {
            if c == "<" { inTag = true; nodes.append(current); current = ""; continue }
            if c == ">" { inTag = false; continue }
            if !inTag { current.append(c) }
        }
        nodes.append(current)
        return nodes.map {
            $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
    }

    /// Latin words of at least 3 letters, file and machine names (`proposed_cameras.csv`,
    /// `tables/*.csv`) left out.
    static func latinWords(_ s: String) -> [String] {
        s.split(whereSeparator: \.isWhitespace).filter { t in !t.contains("_") && !t.contains("/") && !t.contains(".gpkg") && !t.contains(".json") && !t.contains(".csv") }
            .flatMap { $0.split { !($0.isASCII && $0.isLetter) } }.map { $0.lowercased() }.filter { $0.count >= 3 }
    }

    /// English words of the en catalogue that no ru/kk text uses too (proper names such as
    /// OpenStreetMap, QGIS, GeoJSON are in every language and so do not count).
    static let englishWords: Set<String> = {
        func strip(_ s: String) -> String {
            // Code spans (`layers.gpkg`) are file names, the same in every language.
            s.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
        }
        var en = Set(ReportLanguage.en.catalog.values.flatMap { latinWords(strip($0)) })
        for lang in [ReportLanguage.ru, .kk] { en.subtract(lang.catalog.values.flatMap { latinWords(strip($0)) }) }
        return en
    }()

    /// Data values a report shows as they are: every text cell of the run's CSVs, the scenario's
    /// name and description. Machine words the catalogue translates (`val.*`) are not data.
    static func dataValues(_ dir: String) throws -> (exact: Set<String>, embedded: [String]) {
        var exact = Set<String>()
        let machine = Set(ReportLanguage.en.catalog.keys.filter { $0.hasPrefix("val.") }.map { String($0.dropFirst(4)) })
        for f in Fixtures.listing(dir + "/tables") {
            let text = try String(contentsOfFile: dir + "/tables/" + f, encoding: .utf8)
            for cell in csvCells(text) {
                let c = cell.trimmingCharacters(in: CharacterSet(charactersIn: "' "))
                if !machine.contains(c) { exact.insert(c) }
            }
        }
        let yaml = try String(contentsOfFile: plan, encoding: .utf8)
        let embedded = [(plan as NSString).lastPathComponent] + yaml.split(separator: "\n").compactMap { line -> String? in
            for key in ["name: ", "description: "] where line.hasPrefix(key) {
                return String(line.dropFirst(key.count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            }
            return nil
        }
        return (exact, embedded)
    }

    /// Every cell of an RFC 4180 CSV text after its header row.
    static func csvCells(_ text: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, row = 0
        var it = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { cell.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," || c == "\n" {
                if row > 0 { cells.append(cell) }
                cell = ""
                if c == "\n" { row += 1 }
            } else { cell.append(c) }
        }
        return cells
    }

    /// Interface text left in English: nodes with a word of the English catalogue that are not
    /// data values.
    static func englishLeft(_ nodes: [String], data: (exact: Set<String>, embedded: [String])) -> [String] {
        nodes.compactMap { node in
            if data.exact.contains(node) { return nil }
            var rest = node
            for d in data.embedded { rest = rest.replacingOccurrences(of: d, with: " ") }
            let words = latinWords(rest).filter { englishWords.contains($0) }
            return words.isEmpty ? nil : "\(node) [\(words.joined(separator: ","))]"
        }
    }

    @Test(arguments: [ReportLanguage.ru, .kk])
    func reportHasNoEnglishInterfaceString(_ lang: ReportLanguage) throws {
        let dir = try #require(Self.runs[lang])
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"\(lang.rawValue)\">"))
        #expect(html.contains("млн\u{A0}₸"), "money in millions of tenge")
        #expect(html.contains("\u{202F}"), "thousands separated by a narrow no-break space")
        let data = try Self.dataValues(dir)
        #expect(Self.englishWords.count > 200)
        let left = Self.englishLeft(Self.textNodes(html), data: data)
        #expect(left.isEmpty, "English interface text in report.html (\(lang)): \(left.prefix(20))")
        // report.md: each line's table cells and list items are nodes.
        let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
        let mdNodes = md.split(separator: "\n").flatMap { $0.split(separator: "|") }.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " -#*_")).replacingOccurrences(of: "**", with: "")
        }.filter { !$0.isEmpty }
        let mdLeft = Self.englishLeft(mdNodes, data: data)
        #expect(mdLeft.isEmpty, "English interface text in report.md (\(lang)): \(mdLeft.prefix(20))")
    }

    @Test func englishReportIsStillEnglishAndDefault() throws {
        let html = try String(contentsOfFile: RunCLITests.runs.0 + "/report.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">") && html.contains("Camera coverage"))
        // The scan does find English: the en report is full of catalogue words.
        let left = Self.englishLeft(Self.textNodes(html), data: try Self.dataValues(RunCLITests.runs.0))
        #expect(left.count > 20)
    }

    @Test func csvsStartWithBOMAndKeepMachineHeaders() throws {
        let dir = try #require(Self.runs[.ru])
        let tables = Fixtures.listing(dir + "/tables")
        #expect(!tables.isEmpty)
        for f in tables {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/tables/" + f))
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(f) has no BOM")
            let header = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\n").first ?? ""
            #expect(header.allSatisfy { $0.isASCII }, "\(f): header is not machine names: \(header)")
        }
        let units = try String(contentsOfFile: dir + "/tables/simulation_units.csv", encoding: .utf8)
        #expect(units.contains("home_atom") && units.contains("cross_beat_dispatches"))
        // Residents are whole persons.
        let beats = try String(contentsOfFile: dir + "/tables/beats.csv", encoding: .utf8).split(separator: "\n")
        let ri = try #require(beats[0].split(separator: ",").firstIndex { $0.hasSuffix("residents") })
        for row in beats.dropFirst() { #expect(!row.split(separator: ",")[ri].contains(".")) }
    }

    @Test func covplansOwnReadersAcceptTheBOM() throws {
        // A staff table saved as covplan writes CSVs (BOM first) still has its precinct_id column.
        let precincts = try LoadCLITests.precincts(inspectors: 1)
        let staff = Fixtures.file("staff-bom.csv", "\u{FEFF}precinct_id,inspectors\nG001,3\nG002,1\n")
        let out = Fixtures.tempDir("staffbom") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--staff", staff, "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(decoding: Data(contentsOf: URL(fileURLWithPath: out + "/precincts.csv")), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}id,"))
        let g001 = try #require(csv.split(separator: "\n").first { $0.hasPrefix("G001,") })
        let header = csv.dropFirst().split(separator: "\n")[0].split(separator: ",")
        let col = try #require(header.firstIndex(of: "inspectors"))
        #expect(g001.split(separator: ",", omittingEmptySubsequences: false)[col] == "3")
        // Residents are whole persons in the layer CSV too.
        let rc = try #require(header.firstIndex(of: "residents"))
        #expect(!g001.split(separator: ",", omittingEmptySubsequences: false)[rc].contains("."))
    }

    @Test func scenarioLanguageIsTheDefaultAndLangOverridesIt() throws {
        let dir = Fixtures.tempDir("langscn")
        let scn = Fixtures.file("kk.yaml", "name: Қала\nextends: \(Self.base)\nreport:\n  language: kk\n", in: dir)
        let r = try CLI.run(["run", scn, "-o", dir + "/kk", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/kk/report.html", encoding: .utf8).contains("<html lang=\"kk\">"))
        let bad = try CLI.run(["run", scn, "-o", dir + "/de", "--lang", "de"])
        #expect(bad.status == 64 && bad.stderr.contains("--lang 'de'"))
        let wrong = Fixtures.file("bad.yaml", "name: x\nextends: \(Self.base)\nreport:\n  language: de\n", in: dir)
        let v = try CLI.run(["validate", wrong])
        #expect(v.status != 0 && v.stderr.contains("report.language") || v.stderr.contains("en, ru, kk"), "\(v.stderr)")
    }

    @Test(arguments: [ReportLanguage.ru, .kk])
    func compareInTheLanguage(_ lang: ReportLanguage) throws {
        let dir = Fixtures.tempDir("langcmp")
        let plan = try #require(Self.runs[lang])
        // The baseline as an English run folder: compare's language is its own option.
        let r = try CLI.run(["compare", Self.englishBaseline, plan, "-o", dir + "/cmp", "--lang", lang.rawValue, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: dir + "/cmp/compare.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"\(lang.rawValue)\">"))
        let names = ["Helsinki centre — plan (48 cameras, 2 posts)", "Helsinki centre — baseline"]
        // The maps show data as it is (post ids, street names), as the run's tables do.
        let data = try Self.dataValues(plan)
        let left = Self.englishLeft(Self.textNodes(html), data: (exact: data.exact, embedded: names + data.embedded))
        #expect(left.isEmpty, "English interface text in compare.html (\(lang)): \(left.prefix(20))")
        // compare.json keeps its machine schema (English labels, machine verdicts).
        let json = try String(contentsOfFile: dir + "/cmp/compare.json", encoding: .utf8)
        #expect(json.contains("\"verdict\": \"better\"") || json.contains("\"verdict\":\"better\""))
    }
}
