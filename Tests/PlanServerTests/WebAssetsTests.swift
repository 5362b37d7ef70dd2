import Foundation
import PlanServer
import Reports
import Testing
import TestSupport

/// The files embedded in the binary are those of Sources/PlanServer/Web (run `make web-assets`
/// after editing them), Leaflet comes with its licence, and the page loads nothing from elsewhere.
@Suite struct WebAssetsTests {
    static let web = Fixtures.repoRoot + "/Sources/PlanServer/Web/"

    @Test("embedded files equal Sources/PlanServer/Web", arguments: [
        "index.html", "app.js", "app.css", "leaflet/leaflet.min.js", "leaflet/leaflet.css", "leaflet/LICENSE",
        "leaflet/images/layers.png",
    ])
    func embedded(path: String) throws {
        let assets = try WebAssets()
        let disk = try #require(FileManager.default.contents(atPath: Self.web + path))
        #expect(assets.bytes(path) == Array(disk), "\(path) differs: run make web-assets")
    }

    @Test("Leaflet's licence is vendored; the page names no outside origin")
    func noOutsideOrigin() throws {
        let licence = try String(contentsOfFile: Self.web + "leaflet/LICENSE", encoding: .utf8)
        #expect(licence.contains("Vladimir Agafonkin") && licence.contains("Redistribution and use in source and binary forms"))
        for page in ["index.html", "app.js", "app.css"] {
            let text = try String(contentsOfFile: Self.web + page, encoding: .utf8)
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"), "\(page) names an outside origin")
        }
    }

    /// Matches of `pattern`'s first group in `text`.
    static func groups(_ pattern: String, _ text: String) throws -> [String] {
        let re = try NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test("every text key of the page and its script is in the catalogues")
    func keysInCatalogue() throws {
        let html = try String(contentsOfFile: Self.web + "index.html", encoding: .utf8)
        let js = try String(contentsOfFile: Self.web + "app.js", encoding: .utf8)
        let htmlKeys = try Self.groups(#"\{\{([a-z_.]+)\}\}"#, html).filter { $0 != "lang" && $0 != "strings" }
        let jsKeys = try Self.groups(#"(?<![A-Za-z_.])t\('([a-z_.]+)'\s*[,)]"#, js)
        // The script also builds keys: 'serve.done.' + kind + '.' + verb and 'val.' + level (the
        // latter checked with the page's strings below).
        let built = ["camera", "post"].flatMap { k in ["added", "moved", "rotated", "changed", "deleted"].map { "serve.done.\(k).\($0)" } }
            .filter { !$0.hasPrefix("serve.done.post.rotated") && !$0.hasPrefix("serve.done.post.changed") }
        #expect(htmlKeys.count > 25 && jsKeys.count > 25)
        for key in htmlKeys + jsKeys + built {
            for lang in ReportLanguage.allCases {
                let has = Loc(lang).has(key)
                #expect(has, "\(lang): no \(key)")
            }
        }
        // No interface text written into the script: no literal of two or more English words.
        let code = js.replacingOccurrences(of: #"(?m)^\s*//.*$"#, with: "", options: .regularExpression)
        let literals = try Self.groups(#"'([^'\n]*)'"#, code).filter { $0 != "use strict" }
        let english = literals.filter { !$0.hasPrefix("<") && $0.range(of: #"[A-Za-z]{2,}[ ,:;]+[A-Za-z]{2,}"#, options: .regularExpression) != nil }
        #expect(english.isEmpty, "English in app.js: \(english)")
        #expect(!js.contains("textContent = '") && !js.contains("textContent = \""))
    }

    @Test("the page in ru and kk: no English text left", arguments: [ReportLanguage.ru, .kk])
    func localised(language: ReportLanguage) throws {
        let page = String(decoding: try WebAssets(language: language).pageBytes, as: UTF8.self)
        #expect(page.contains("<html lang=\"\(language.rawValue)\">"))
        #expect(!page.contains("{{"))
        // Visible text and the attributes a reader sees (title, placeholder), scripts removed.
        var visible = page.replacingOccurrences(of: #"<script[^>]*>[^<]*</script>"#, with: " ", options: .regularExpression)
        let attributes = try Self.groups(#"(?:title|placeholder)="([^"]*)""#, visible)
        visible = visible.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        let words = try Self.groups(#"([A-Za-z]{2,})"#, visible + " " + attributes.joined(separator: " "))
        let allowed: Set<String> = ["covplan", "Leaflet", "BSD"]
        #expect(words.filter { !allowed.contains($0) }.isEmpty, "English words: \(words.filter { !allowed.contains($0) })")
        // The script's strings: every serve.* text but the server's refusals (serve.err.*), in this language.
        let json = try #require(try Self.groups(#"<script id="strings" type="application/json">([^<]*)</script>"#, page).first)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let strings = try #require(obj["strings"] as? [String: String])
        #expect(obj["lang"] as? String == language.rawValue)
        let catalog = language.catalog
        #expect(strings.count == catalog.keys.filter { $0.hasPrefix("serve.") && !$0.hasPrefix("serve.err.") }.count + 4)
        for (k, v) in strings { #expect(catalog[k] == v && v != ReportLanguage.en.catalog[k], "\(k)") }
    }

    @Test("the page in en renders every key")
    func english() throws {
        let page = String(decoding: try WebAssets().pageBytes, as: UTF8.self)
        #expect(page.contains("<html lang=\"en\">") && page.contains(">+ Camera</button>") && !page.contains("{{"))
    }
}
