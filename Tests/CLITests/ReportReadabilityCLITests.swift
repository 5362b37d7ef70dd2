import Foundation
import Reports
import Testing
import TestSupport

/// Issue 18, point 2: the reports speak to people. The rendered text of report.html (en, ru, kk)
/// and compare.html holds no internal name — no field name of the run's own layers and tables
/// (`home_atom`, `cross_beat_dispatches`, `load_class` ...: read from the outputs, not from a
/// list kept by hand), no OSM `way/…` id, no internal feature id, no UTM coordinate — and every
/// map carries its legend, labels, scale bar and north arrow; compare.html has before/after maps.
@Suite(.serialized) struct ReportReadabilityCLITests {
    /// Machine names of a run folder: the property keys of every GeoJSON layer and the header of
    /// every CSV table, those with an underscore (plain words such as `rank` are English too).
    static func identifiers(_ dir: String) throws -> Set<String> {
        var out = Set<String>()
        for f in Fixtures.listing(dir + "/layers") where f.hasSuffix(".geojson") {
            let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/layers/" + f))) as? [String: Any]
            for feature in (obj?["features"] as? [[String: Any]] ?? []) {
                for k in (feature["properties"] as? [String: Any] ?? [:]).keys { out.insert(k) }
            }
        }
        for f in Fixtures.listing(dir + "/tables") {
            let text = try String(contentsOfFile: dir + "/tables/" + f, encoding: .utf8)
            let header = text.split(separator: "\n").first.map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") } ?? ""
            for k in header.split(separator: ",") { out.insert(String(k)) }
        }
        return out.filter { $0.contains("_") }
    }

    /// Words of the rendered text (text nodes), split at anything but letters, digits, `_`, `/`,
    /// `.`, `:` and `-`; file names (`*.csv`, `*.gpkg`, `*.json`, `*.yaml`) left out.
    static func tokens(_ html: String) -> [String] {
        LanguageCLITests.textNodes(html).flatMap { node in
            node.split { !($0.isLetter || $0.isNumber || "_/.:-".contains($0)) }.map(String.init)
        }.filter { t in ![".csv", ".gpkg", ".json", ".yaml", ".geojson"].contains { t.hasSuffix($0) } }
    }

    static func problems(_ html: String, identifiers: Set<String>) -> [String] {
        var out: [String] = []
        let osm = try! NSRegularExpression(pattern: "^(way|node|relation|atom|isochrone|site|late|beat)/[0-9]+$")
        let utm = try! NSRegularExpression(pattern: "^[0-9]{6,7}\\.[0-9]+$")
        for t in tokens(html) {
            let trimmed = t.trimmingCharacters(in: CharacterSet(charactersIn: ".:-"))
            let range = NSRange(trimmed.startIndex..., in: trimmed)
            if identifiers.contains(trimmed) { out.append("field name \(trimmed)") }
            if osm.firstMatch(in: trimmed, range: range) != nil { out.append("internal id \(trimmed)") }
            if utm.firstMatch(in: trimmed, range: range) != nil { out.append("coordinate \(trimmed)") }
        }
        return out
    }

    static let compare: String = {
        let dir = Fixtures.tempDir("readable") + "/cmp"
        let r = try! CLI.run(["compare", LanguageCLITests.englishBaseline, RunCLITests.runs.0, "-o", dir, "--lang", "ru", "--quiet"])
        precondition(r.status == 0, r.stderr)
        return dir
    }()

    @Test func theScanFindsInternalNamesWhereTheyAre() throws {
        let ids = try Self.identifiers(RunCLITests.runs.0)
        #expect(ids.contains("home_atom") && ids.contains("cross_beat_dispatches") && ids.contains("load_class") && ids.contains("camera_count"))
        let bad = "<p>home_atom way/1234 385012.25 fine text</p>"
        #expect(Self.problems(bad, identifiers: ids).count == 3)
    }

    @Test func reportsShowNoInternalNames() throws {
        let dirs = [RunCLITests.runs.0] + [ReportLanguage.ru, .kk].compactMap { LanguageCLITests.runs[$0] }
        #expect(dirs.count == 3)
        for dir in dirs {
            let ids = try Self.identifiers(dir)
            let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
            let found = Self.problems(html, identifiers: ids)
            #expect(found.isEmpty, "\(dir)/report.html: \(Set(found).sorted().prefix(20))")
            let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
            let mdFound = Self.problems("<p>" + md.replacingOccurrences(of: "<", with: " ") + "</p>", identifiers: ids)
            #expect(mdFound.isEmpty, "\(dir)/report.md: \(Set(mdFound).sorted().prefix(20))")
        }
        let html = try String(contentsOfFile: Self.compare + "/compare.html", encoding: .utf8)
        let found = Self.problems(html, identifiers: try Self.identifiers(RunCLITests.runs.0))
        #expect(found.isEmpty, "compare.html: \(Set(found).sorted().prefix(20))")
    }

    /// Every map of every report: a legend, labels, a scale bar and a north arrow; the summary
    /// for the akimat and the glossary are there; compare.html has each map twice (before/after).
    @Test func everyMapIsComplete() throws {
        for dir in [RunCLITests.runs.0] + [ReportLanguage.ru, .kk].compactMap({ LanguageCLITests.runs[$0] }) {
            let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
            let maps = html.components(separatedBy: "<svg").dropFirst().filter { $0.contains("class=\"map\"") }
            #expect(maps.count >= 6, "\(dir): \(maps.count) maps")
            for m in maps {
                for g in ["legend", "labels", "scale-bar", "north-arrow"] {
                    #expect(m.contains("<g class=\"\(g)\""), "\(dir): a map without \(g)")
                }
                #expect(m.contains("<text class=\"label\""), "\(dir): a map with no label placed")
            }
            #expect(html.contains("<section id=\"brief\"") && html.contains("<section id=\"glossary\""))
            #expect(html.contains("@media print") && html.contains("size:A4"))
        }
        let cmp = try String(contentsOfFile: Self.compare + "/compare.html", encoding: .utf8)
        let maps = cmp.components(separatedBy: "<svg").dropFirst().filter { $0.contains("class=\"map\"") }
        #expect(maps.count == 6, "three before/after pairs, got \(maps.count) maps")
        #expect(cmp.contains("<div class=\"pair\">"))
    }

    /// The summary's coverage figure says what it rests on: the DORI level and the heading
    /// assumption, as the coverage section's finding states them; money in tenge.
    @Test func summaryFiguresSayWhatTheyRestOn() throws {
        let html = try String(contentsOfFile: RunCLITests.runs.0 + "/report.html", encoding: .utf8)
        let brief = String(html[html.range(of: "<section id=\"brief\"")!.lowerBound..<html.range(of: "</section>")!.upperBound])
        #expect(brief.contains("observe level (≥ 62.5 px/m, IEC 62676-4)"))
        #expect(brief.contains("counted as seeing all round") || brief.contains("aimed at the nearest street"))
        #expect(brief.contains("norm of 3,200 residents per precinct police inspector"))
        #expect(brief.contains("M\u{A0}₸"))
        let ru = try String(contentsOfFile: LanguageCLITests.runs[.ru]! + "/report.html", encoding: .utf8)
        #expect(ru.contains("Сводка для акимата") && ru.contains("млн\u{A0}₸") && ru.contains("норматив — 3\u{202F}200 жителей"))
    }
}
