import Foundation
import GeoCore
import Reports
import Testing
import TestSupport

/// Issue 15, point 5: CSV injection, HTML in Markdown, control characters, the embedded schema.
@Suite struct TextSafetyTests {
    static let unsafe: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "\u{7}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    @Test func csvTextCellsAreNeutralisedNumbersAreNot() {
        for (raw, want) in [("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                            ("\tx", "\"'\tx\""), ("\rx", "\"'\nx\""), ("Abay avenue", "Abay avenue"), ("a-b", "a-b")] {
            #expect(CSVWriter.field(raw) == want, "\(raw.debugDescription) → \(CSVWriter.field(raw).debugDescription)")
        }
        #expect(CSVWriter.cell(.double(-5.5)) == "-5.5")
        #expect(CSVWriter.cell(.int(-3)) == "-3")
        #expect(CSVWriter.cell(.string("-3")) == "'-3")
        let table = ReportTable(name: "t", title: "t", columns: ["name", "delta"], rows: [[.string("=cmd|' /C calc'!A0"), .double(-12)]])
        let text = CSVWriter.text(table)
        #expect(text == "\u{FEFF}name,delta\n'=cmd|' /C calc'!A0,-12\n", "\(text)")
        let layer = FeatureLayer(name: "l", fields: [FieldDefinition("name", .string), FieldDefinition("v", .double)], crs: nil,
                                 features: [Feature(id: "1", geometry: nil, values: [.string("@evil"), .double(-1)])])
        #expect(CSVExport.text(layer) == "\u{FEFF}x,y,name,v\n,,'@evil,-1\n", "\(CSVExport.text(layer))")
    }

    @Test func noUnsafeCharacterInAnyOutput() {
        for u in Self.unsafe {
            let s = "a\(Character(u))b"
            let outputs = [CSVWriter.field(s), JSONText.string(s), MarkdownReport.text(s), SVGMap.esc(s),
                           CovplanError(.dataError, file: s, layer: s, feature: s, s).description]
            for o in outputs {
                #expect(!o.unicodeScalars.contains(u), "U+\(String(u.value, radix: 16)) in \(o.debugDescription)")
            }
        }
        // JSON keeps the value: the escape decodes back to the same text.
        let json = JSONText.string("x\u{202E}y\u{7F}")
        #expect(json == #""x\u202ey\u007f""#, "\(json)")
        let back = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(back == "x\u{202E}y\u{7F}")
    }

    @Test func markdownEscapesHTMLFromData() {
        let section = ReportSection(key: "k", title: "<b>Streets</b>", summary: .null, findings: ["gap on <script>alert(1)</script> & co"],
                                    tables: [ReportTable(name: "t", title: "t", columns: ["name"], rows: [[.string("<img src=x onerror=alert(1)>|x")]])])
        let md = MarkdownReport.render(title: "Plan <i>x</i>", subtitle: "a & b", facts: [("Name", "<svg/onload=1>")], sections: [section])
        #expect(!md.contains("<"), "\(md)")
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(md.contains("&lt;img src=x onerror=alert(1)&gt;\\|x"))
        let html = HTMLReport.render(title: "Plan <i>x</i>", subtitle: "a & b", facts: [("Name", "<svg/onload=1>")], sections: [section])
        #expect(!html.contains("<script>alert") && !html.contains("<svg/onload") && !html.contains("<img src=x"), "HTML report")
    }

    @Test func embeddedSummarySchemaEqualsTheFile() throws {
        let file = try String(contentsOfFile: Fixtures.repoRoot + "/scenarios/summary.schema.json", encoding: .utf8)
        #expect(SummarySchema.text == file.trimmingCharacters(in: .newlines), "run: make summary-schema")
        #expect(JSONSchemaSubset.summary.validate(["scenario": 5]).isEmpty == false)
    }
}
