/// The report's glossary: the terms its figures use, in plain words, from the catalogue
/// (`gl.<term>.term`, `gl.<term>.def`).
public enum Glossary {
    /// The terms, in the order shown.
    public static let terms = ["dori", "heading", "viewshed", "gap", "norm", "load", "isochrone", "beat", "demand_point",
                               "response", "p90", "utilisation", "bound", "stand_in", "blocks", "crs"]

    static func html(loc: Loc) -> String {
        var h = "<section id=\"glossary\">\n<h2>\(SVGMap.esc(loc["gl.title"]))</h2>\n<dl class=\"glossary\">"
        for t in terms {
            h += "<dt>\(SVGMap.esc(loc["gl.\(t).term"]))</dt><dd>\(SVGMap.esc(loc["gl.\(t).def"]))</dd>"
        }
        return h + "</dl>\n</section>\n"
    }
}
