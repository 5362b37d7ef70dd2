import Foundation
import CrimeAnalysis
import GeoCore

/// Years and months from attribute values: a year number (`2021`), or a date as text
/// (`2021`, `2021-03`, `2021-03-14`, `2021/03/14 10:00:00`, `2021-03-14T10:00:00Z`, or the
/// day-first `14.03.2021` of Kazakh and Russian documents). Years must lie in
/// `PeriodKey.firstYear … PeriodKey.lastYear`.
public enum PeriodText {
    /// The period of one value, or a one-line problem (for the caller to locate).
    public static func parse(_ v: FieldValue) -> Result<PeriodKey, PeriodProblem> {
        switch v {
        case .null: return .failure(.init("no date (the field is empty)"))
        case .bool: return .failure(.init("'\(v.text ?? "")' is not a year or a date"))
        case .int, .double:
            guard let d = v.number, d.isFinite, d == d.rounded(), abs(d) < 1e9 else {
                return .failure(.init("'\(v.text ?? "")' is not a whole year"))
            }
            return check(year: Int(d), month: nil)
        case .string(let s): return parse(text: s)
        }
    }

    public struct PeriodProblem: Error, Sendable, Equatable {
        public var message: String
        init(_ m: String) { message = m }
    }

    static func parse(text raw: String) -> Result<PeriodKey, PeriodProblem> {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let bad = PeriodProblem("'\(s.prefix(40))' is not a year or a date (expected 2021, 2021-03, 2021-03-14 or 14.03.2021)")
        let parts = s.split(whereSeparator: { $0 == "T" || $0 == " " }).first.map(String.init) ?? ""
        if parts.contains(".") {
            let f = parts.split(separator: ".", omittingEmptySubsequences: false)
            guard f.count == 3, let d = Int(f[0]), let m = Int(f[1]), let y = Int(f[2]), f[2].count == 4, d >= 1, d <= 31 else { return .failure(bad) }
            return check(year: y, month: m)
        }
        let f = parts.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard (1...3).contains(f.count), f[0].count == 4, let y = Int(f[0]) else { return .failure(bad) }
        if f.count == 1 { return check(year: y, month: nil) }
        guard let m = Int(f[1]) else { return .failure(bad) }
        if f.count == 3 { guard let d = Int(f[2].prefix(2)), d >= 1, d <= 31 else { return .failure(bad) } }
        return check(year: y, month: m)
    }

    static func check(year: Int, month: Int?) -> Result<PeriodKey, PeriodProblem> {
        guard year >= PeriodKey.firstYear, year <= PeriodKey.lastYear else {
            return .failure(.init("year \(year) is out of range (\(PeriodKey.firstYear)–\(PeriodKey.lastYear))"))
        }
        if let month, !(1...12).contains(month) { return .failure(.init("month \(month) is out of range (1–12)")) }
        return .success(PeriodKey(year: year, month: month))
    }
}
