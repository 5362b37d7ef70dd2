/// A Jupyter notebook (nbformat 4.5) that loads a run's layers and tables with geopandas and
/// pandas and redraws the maps, so a GIS team can continue in Jupyter.
public enum NotebookWriter {
    /// - Parameters:
    ///   - runFolder: path to the run folder as the notebook should refer to it (relative to the
    ///     notebook's own location, or absolute).
    ///   - layers: layer names in `layers.gpkg`, each with the column to colour by (or nil).
    ///   - tables: CSV table names in `tables/`.
    public static func notebook(title: String, runFolder: String, layers: [(name: String, column: String?)],
                                tables: [String], loc: Loc = .en) -> JSONValue {
        var cells: [JSONValue] = []
        func cell(_ type: String, _ source: String) {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let src: [JSONValue] = lines.enumerated().map { i, l in .string(i + 1 < lines.count ? l + "\n" : l) }
            var members: [(String, JSONValue)] = [("cell_type", .string(type)), ("id", .string("cell-\(cells.count + 1)")),
                                                  ("metadata", .object([])), ("source", .array(src))]
            if type == "code" {
                members.insert(("execution_count", .null), at: 1)
                members.append(("outputs", .array([])))
            }
            cells.append(.object(members))
        }
        cell("markdown", "# \(title)\n\n" + loc["nb.intro"])
        cell("code", """
        import json
        from pathlib import Path

        import geopandas as gpd
        import pandas as pd
        import matplotlib.pyplot as plt

        RUN = Path(\(pyString(runFolder)))
        summary = json.loads((RUN / "summary.json").read_text())
        print(json.dumps(summary, indent=2)[:2000])
        """)
        cell("code", "layers = {}\n" + layers.map { "layers[\(pyString($0.name))] = gpd.read_file(RUN / \"layers.gpkg\", layer=\(pyString($0.name)))" }.joined(separator: "\n")
             + "\n{name: (len(gdf), str(gdf.crs)) for name, gdf in layers.items()}")
        for l in layers {
            let by = l.column.map { ", column=\(pyString($0)), legend=True" } ?? ""
            let heading = loc.has("layer." + l.name) || Loc.en.has("layer." + l.name) ? loc["layer." + l.name] + " (`\(l.name)`)" : "`\(l.name)`"
            cell("markdown", "## " + heading)
            let plotTitle = loc.has("layer." + l.name) || Loc.en.has("layer." + l.name) ? loc["layer." + l.name] : l.name
            cell("code", "ax = layers[\(pyString(l.name))].plot(figsize=(8, 8)\(by))\nax.set_title(\(pyString(plotTitle)))\nax.set_axis_off()")
        }
        if !tables.isEmpty {
            cell("markdown", "## " + loc["nb.tables"] + "\n\n" + loc["nb.tables_note"])
            cell("code", "tables = {}\n" + tables.map { "tables[\(pyString($0))] = pd.read_csv(RUN / \"tables\" / \(pyString($0 + ".csv")), encoding=\"utf-8-sig\")" }.joined(separator: "\n")
                 + "\n{name: df.shape for name, df in tables.items()}")
        }
        return .object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([("display_name", "Python 3"), ("language", "python"), ("name", "python3")])),
                ("language_info", .object([("name", "python")])),
            ])),
            ("nbformat", 4), ("nbformat_minor", 5),
        ])
    }

    static func pyString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

import Foundation
