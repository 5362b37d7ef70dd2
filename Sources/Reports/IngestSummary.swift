import CityModel

/// The `ingest` member every command's `summary.json` carries: how many features of the city
/// were repaired or skipped on load, with the first few of each (layer, feature id, problem),
/// so a figure never rests on silently changed input.
public enum IngestSummary {
    /// How many items of each list are spelled out (the counts are always complete).
    public static let listed = 10

    /// `{repaired, skipped, reader_warnings, first_repaired: [...], first_skipped: [...]}`.
    public static func json(_ report: IngestReport) -> JSONValue {
        func items(_ list: [IngestReport.Item]) -> JSONValue {
            .array(list.prefix(listed).map {
                .object([("layer", .string($0.layer)), ("feature", .string($0.feature)), ("problem", .string($0.problem))])
            })
        }
        return .object([
            ("repaired", .number(Double(report.repaired.count))),
            ("skipped", .number(Double(report.skipped.count))),
            ("reader_warnings", .number(Double(report.warnings.count))),
            ("first_repaired", items(report.repaired)),
            ("first_skipped", items(report.skipped)),
        ])
    }

    /// `summary` with an `ingest` member appended (replaced if present); other values unchanged.
    public static func appended(to summary: JSONValue, _ report: IngestReport) -> JSONValue {
        guard case .object(var members) = summary else { return summary }
        members.removeAll { $0.0 == "ingest" }
        members.append(("ingest", json(report)))
        return .object(members)
    }

    /// covplan's own ingest warnings (not the GDAL reader's, which are only counted in
    /// `summary.json`) as stderr lines (`warning: ...`): the first `listed`, then a count of
    /// the rest.
    public static func warningLines(_ report: IngestReport) -> [String] {
        let own = report.warnings.dropFirst(report.readerWarnings)
        var out = own.prefix(listed).map { "warning: \($0)" }
        if own.count > listed { out.append("warning: … and \(own.count - listed) more ingest warnings") }
        return out
    }

    /// One stderr line, or nil when nothing was repaired or skipped:
    /// `ingest: 1 invalid polygon repaired (multipolygons relation/167264), 0 skipped`.
    public static func line(_ report: IngestReport) -> String? {
        guard !report.repaired.isEmpty || !report.skipped.isEmpty else { return nil }
        func ids(_ list: [IngestReport.Item]) -> String {
            guard !list.isEmpty else { return "" }
            let shown = list.prefix(3).map { "\($0.layer) \($0.feature)" }.joined(separator: ", ")
            return " (" + shown + (list.count > 3 ? ", …" : "") + ")"
        }
        let r = report.repaired.count, s = report.skipped.count
        return "ingest: \(r) invalid feature\(r == 1 ? "" : "s") repaired\(ids(report.repaired)), "
            + "\(s) skipped\(ids(report.skipped))"
    }
}
