import GeoCore
import Reports

/// `--lang ru|kk|en`: the command line wins, then the scenario's `report.language`, else en.
enum ReportLanguageChoice {
    static func resolve(_ option: String?, scenario: String?) throws -> ReportLanguage {
        if let option {
            guard let l = ReportLanguage(code: option) else {
                throw CovplanError(.usage, "--lang '\(option)': expected one of \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return l
        }
        return scenario.flatMap(ReportLanguage.init(code:)) ?? .en
    }
}
