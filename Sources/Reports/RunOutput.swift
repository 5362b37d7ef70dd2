import Foundation
import GeoCore

/// Writes a run folder atomically:
/// `summary.json`, `layers.gpkg` (every layer, QGIS styles stored), `layers/NAME.geojson`,
/// `tables/NAME.csv`, `report.md`, `report.html`. Same sections, same bytes.
public enum RunOutput {
    public struct Header: Sendable {
        public var title: String
        public var subtitle: String?
        public var facts: [(String, String)]
        /// Top-level members of summary.json before the sections (scenario name, seed, CRS, ...).
        public var summaryHead: [(String, JSONValue)]

        public init(title: String, subtitle: String?, facts: [(String, String)], summaryHead: [(String, JSONValue)]) {
            self.title = title
            self.subtitle = subtitle
            self.facts = facts
            self.summaryHead = summaryHead
        }
    }

    /// The summary.json document for these sections.
    public static func summary(_ header: Header, _ sections: [ReportSection]) -> JSONValue {
        .object(header.summaryHead + sections.map { ($0.key, $0.summary) })
    }

    /// Writes everything to `dir` (replacing it only with `overwrite`). `transformSummary` lets
    /// the CLI apply its benchmark hook.
    public static func write(_ header: Header, _ sections: [ReportSection], to dir: String, overwrite: Bool,
                             loc: Loc = .en, transformSummary: (JSONValue) -> JSONValue = { $0 }) throws {
        try AtomicOutput.writeDirectory(dir, overwrite: overwrite) { tmp in
            try AtomicOutput.write(transformSummary(summary(header, sections)).text(), to: tmp + "/summary.json")
            let layers = sections.flatMap(\.layers)
            var names = Set<String>()
            for l in layers where !names.insert(l.name).inserted {
                throw CovplanError(.software, layer: l.name, "two layers share the name '\(l.name)'")
            }
            try FileManager.default.createDirectory(atPath: tmp + "/layers", withIntermediateDirectories: false)
            for l in layers { try LayerExport.write(l, to: tmp + "/layers/\(l.name).geojson", format: .geojson, overwrite: false) }
            if !layers.isEmpty {
                try LayerExport.writeGeoPackage(layers, to: tmp + "/layers.gpkg", overwrite: false, loc: loc)
            }
            let tables = sections.flatMap(\.tables)
            try FileManager.default.createDirectory(atPath: tmp + "/tables", withIntermediateDirectories: false)
            for t in tables { try AtomicOutput.write(CSVWriter.text(t), to: tmp + "/tables/\(t.name).csv") }
            try AtomicOutput.write(MarkdownReport.render(title: header.title, subtitle: header.subtitle, facts: header.facts, sections: sections, loc: loc),
                                   to: tmp + "/report.md")
            try AtomicOutput.write(HTMLReport.render(title: header.title, subtitle: header.subtitle, facts: header.facts, sections: sections, loc: loc),
                                   to: tmp + "/report.html")
        }
    }
}
