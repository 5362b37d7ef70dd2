import Foundation
import GeoCore
import Reports
import Testing

/// Issue 18, point 1: one catalogue per language, complete; numbers and money per locale; CSVs
/// for Excel (BOM, sensible precision, machine headers).
@Suite struct LanguageTests {
    static func placeholders(_ s: String) -> Set<String> {
        var out = Set<String>()
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            // `{0|камера|камеры|камер}` (a noun agreeing with argument 0) refers to `{0}`.
            let token = rest[rest.index(after: open)..<close]
            out.insert("{" + (token.split(separator: "|").first.map(String.init) ?? "") + "}")
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    @Test func everyKeyInEveryCatalogueWithTheSamePlaceholders() {
        let en = ReportLanguage.en.catalog
        #expect(en.count > 150)
        for lang in ReportLanguage.allCases {
            let c = lang.catalog
            let missing = Set(en.keys).subtracting(c.keys).sorted()
            let extra = Set(c.keys).subtracting(en.keys).sorted()
            #expect(missing.isEmpty, "\(lang): missing keys \(missing)")
            #expect(extra.isEmpty, "\(lang): keys not in en \(extra)")
            for (k, v) in c {
                #expect(!v.trimmingCharacters(in: .whitespaces).isEmpty, "\(lang): empty text for \(k)")
                #expect(Self.placeholders(v) == Self.placeholders(en[k] ?? ""), "\(lang): placeholders of \(k) differ from en")
            }
        }
    }

    @Test func russianAndKazakhTextsAreTranslatedAndCyrillic() {
        let en = ReportLanguage.en.catalog
        // Texts that are the same in every language on purpose (symbols, patterns, proper names).
        let same: Set<String> = ["cmp.finding", "cmpunit.%", "cmpunit.tenge"]
        for lang in [ReportLanguage.ru, .kk] {
            for (k, v) in lang.catalog where !same.contains(k) {
                #expect(v != en[k], "\(lang): \(k) is the English text")
                #expect(v.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(lang): \(k) has no Cyrillic letter: \(v)")
            }
        }
        // Kazakh uses its own letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) and the police terms.
        let kk = ReportLanguage.kk.catalog.values.joined(separator: " ")
        for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "і"] { #expect(kk.contains(letter), "no \(letter) in kk") }
        #expect(kk.contains("учаскелік полиция инспектор") && kk.contains("ЖБО") && kk.contains("Сергек") && kk.contains("модульдік полиция бекет"))
        let ru = ReportLanguage.ru.catalog.values.joined(separator: " ")
        #expect(ru.contains("участкового инспектора полиции (УИП)") && ru.contains("ЦОУ") && ru.contains("«Сергек»") && ru.contains("модульных постов полиции"))
    }

    /// Nouns agree with the numbers before them: Russian one / few / many by the last two
    /// digits (the rule of any Russian grammar: 1, 21, 101 камера; 2–4, 22, 1 002 камеры; 0, 5–20,
    /// 111–114, 25 камер; a fraction: 1,5 камеры), English one / other, Kazakh one form.
    @Test func nounsAgreeWithTheirNumbers() {
        let ru = Loc(.ru), en = Loc.en, kk = Loc(.kk)
        let t = "{0} {0|камера|камеры|камер}"
        let expected: [(Double, String)] = [(0, "камер"), (1, "камера"), (2, "камеры"), (4, "камеры"), (5, "камер"), (11, "камер"),
                                            (12, "камер"), (14, "камер"), (21, "камера"), (22, "камеры"), (25, "камер"), (101, "камера"),
                                            (111, "камер"), (112, "камер"), (1002, "камеры"), (3200, "камер"), (35_801, "камера"),
                                            (1.5, "камеры"), (0.5, "камеры")]
        for (n, form) in expected {
            #expect(ru.fill(t, [ru.num(n)]) == ru.num(n) + " " + form, "\(n)")
        }
        #expect(en.fill("{0} {0|camera|cameras}", [en.num(1)]) == "1 camera")
        #expect(en.fill("{0} {0|camera|cameras}", [en.num(3200)]) == "3,200 cameras")
        #expect(en.fill("{0} {0|camera|cameras}", [en.num(1.5)]) == "1.5 cameras")
        #expect(kk.fill("{0} {0|камера}", [kk.num(5)]) == "5 камера")
        // Markdown bold around the number, and text that is not a number (the last form).
        #expect(ru.fill("**{0}** {0|житель|жителя|жителей}", [ru.num(35_802)]) == "**35\u{202F}802** жителя")
        #expect(ru.fill("{0} {0|камера|камеры|камер}", ["—"]) == "— камер")
        // Braces that are not agreement stay as they are.
        #expect(ru.fill("{x} {0}", ["3"]) == "{x} 3")
        // Every Russian catalogue text with agreement has three forms; English two.
        for (lang, n) in [(ReportLanguage.ru, 3), (.en, 2)] {
            for (k, v) in lang.catalog where v.contains("|") {
                for token in v.split(separator: "{").dropFirst() where token.prefix(while: { $0 != "}" }).contains("|") {
                    #expect(token.prefix(while: { $0 != "}" }).split(separator: "|").count == n + 1, "\(lang) \(k): \(token)")
                }
            }
        }
    }

    @Test func numbersAndMoneyPerLocale() {
        let ru = Loc(.ru), kk = Loc(.kk), en = Loc.en
        #expect(ru.num(3200) == "3\u{202F}200")
        #expect(kk.num(3200.0) == "3\u{202F}200")
        #expect(en.num(3200) == "3,200")
        #expect(ru.num(45.3) == "45,3")
        #expect(en.num(45.3) == "45.3")
        #expect(ru.num(0.25) == "0,25")
        #expect(ru.num(-1_234_567) == "-1\u{202F}234\u{202F}567")
        #expect(ru.money(45_300_000) == "45,3\u{A0}млн\u{A0}₸")
        #expect(kk.money(45_300_000) == "45,3\u{A0}млн\u{A0}₸")
        #expect(en.money(45_300_000) == "45.3\u{A0}M\u{A0}₸")
        #expect(ru.money(4_500_000) == "4,5\u{A0}млн\u{A0}₸")
        #expect(ru.money(45_000_000) == "45\u{A0}млн\u{A0}₸")
        #expect(ru.money(1_250_000_000) == "1,3\u{A0}млрд\u{A0}₸")
        #expect(ru.money(850_000) == "850\u{202F}000\u{A0}₸")
        #expect(ru.percent(0.951) == "95,1\u{A0}%")
        #expect(en.percent(0.951) == "95.1%")
        #expect(ru.fixed(2.05, 1) == "2,1" || ru.fixed(2.05, 1) == "2")
        #expect(ru.fixed(12.0, 1) == "12")
        #expect(ru.date(year: 2026, month: 12, day: 5) == "05.12.2026")
        #expect(kk.date(year: 2026, month: 12, day: 5) == "05.12.2026")
        #expect(en.date(year: 2026, month: 12, day: 5) == "2026-12-05")
        #expect(en.t("unit.n_min", "5") == "5 min" && ru.t("unit.n_min", "5") == "5 мин")
        #expect(ReportLanguage(code: "RU") == .ru && ReportLanguage(code: "de") == nil)
    }

    @Test func reportTablesShowHumanLabelsCSVKeepsMachineNames() {
        let t = ReportTable(name: "units", title: "Units", columns: ["id", "home_atom", "cross_beat_dispatches", "load_class"],
                            rows: [[.string("post-1"), .string("home-post-1"), .int(41), .string("over")]], enumColumns: ["load_class"])
        let html = HTMLReport.render(title: "x", subtitle: nil, facts: [], sections: [ReportSection(key: "s", title: "s", summary: .null, tables: [t])],
                                     loc: Loc(.ru))
        #expect(html.contains("<html lang=\"ru\">"))
        #expect(html.contains("<th>пункт базирования</th>") && html.contains("<th>выездов за пределы своей зоны</th>"))
        #expect(!html.contains("home_atom") && !html.contains("cross_beat_dispatches"))
        #expect(html.contains("<td>выше нормы</td>") && html.contains("<td>home-post-1</td>"))
        let md = MarkdownReport.render(title: "x", subtitle: nil, facts: [], sections: [ReportSection(key: "s", title: "s", summary: .null, tables: [t])],
                                       loc: Loc(.kk))
        #expect(md.contains("| коды | орналасу пункті |") && md.contains("нормадан жоғары"))
        let csv = CSVWriter.text(t)
        #expect(csv.hasPrefix("\u{FEFF}id,home_atom,cross_beat_dispatches,load_class\n"))
        #expect(csv.contains(",over\n"))
    }

    @Test func csvStartsWithBOMAndRoundsRealNumbers() {
        let t = ReportTable(name: "t", title: "t", columns: ["residents", "residents_per_inspector", "utilization", "snap_m", "lon"],
                            rows: [[.double(1837.4999999999998), .double(3252.123456), .double(0.12529187654), .double(4.336666666666667),
                                    .double(24.9412345678)]])
        let csv = CSVWriter.text(t)
        #expect(csv == "\u{FEFF}residents,residents_per_inspector,utilization,snap_m,lon\n1837,3252,0.125292,4.34,24.9412345678\n", "\(csv)")
        // The BOM is one U+FEFF scalar, three bytes EF BB BF.
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let layer = FeatureLayer(name: "l", fields: [FieldDefinition("residents", .double)], crs: nil,
                                 features: [Feature(id: "1", geometry: nil, values: [.double(12.499999999999998)])])
        #expect(CSVExport.text(layer) == "\u{FEFF}x,y,residents\n,,12\n")
    }

    @Test func notebookHeadingsInTheLanguageAndCSVReadWithUTF8SIG() {
        let nb = NotebookWriter.notebook(title: "План", runFolder: "run", layers: [("precincts", "load_class")], tables: ["precincts"], loc: Loc(.ru)).text()
        #expect(nb.contains("Нагрузка на участки УИП") && nb.contains("Таблицы"))
        #expect(nb.contains("encoding=\\\"utf-8-sig\\\""))
        #expect(!nb.contains("This notebook"))
    }
}
