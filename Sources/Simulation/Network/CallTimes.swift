import GeoCore

/// Times of real calls for service: numbers of seconds from the start of the study, or ISO 8601
/// local date-times.
public enum CallTimes {
    /// Seconds since 1970-01-01 00:00 of a date-time written `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`,
    /// `YYYY-MM-DD HH:MM:SS` or with fractional seconds (also with `/` between date parts, as GDAL
    /// reports date-time fields); a trailing `Z` or `±HH[:MM]` offset is
    /// accepted and **ignored** — times are taken as the local wall-clock time written (all calls
    /// of one city share one time zone, and the hour of day is what matters). Nil when malformed.
    public static func parseDateTime(_ text: String) -> Double? {
        let s = Array(text.trimmedOf(" \t"))
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for c in s[from..<(from + count)] {
                guard let d = c.wholeNumberValue, c.isASCII else { return nil }
                v = v * 10 + d
            }
            return v
        }
        // GDAL reports date-time fields as YYYY/MM/DD HH:MM:SS: accept "/" as well as "-".
        guard s.count >= 10, let y = digits(0, 4), s[4] == "-" || s[4] == "/", let mo = digits(5, 2), s[7] == s[4],
              let d = digits(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var seconds = 0.0
        var i = 10
        if i < s.count, s[i] == "T" || s[i] == " " {
            guard let h = digits(i + 1, 2), i + 3 < s.count, s[i + 3] == ":", let mi = digits(i + 4, 2),
                  h < 24, mi < 60 else { return nil }
            seconds = Double(h * 3600 + mi * 60)
            i += 6
            if i < s.count, s[i] == ":" {
                guard let sec = digits(i + 1, 2), sec <= 60 else { return nil }
                seconds += Double(sec)
                i += 3
                if i < s.count, s[i] == "." || s[i] == "," {
                    var j = i + 1, frac = 0.0, scale = 0.1
                    while j < s.count, let dd = s[j].wholeNumberValue, s[j].isASCII {
                        frac += Double(dd) * scale
                        scale /= 10
                        j += 1
                    }
                    guard j > i + 1 else { return nil }
                    seconds += frac
                    i = j
                }
            }
        }
        if i < s.count {
            // Offset: Z, ±HH, ±HHMM, ±HH:MM (ignored).
            let rest = String(s[i...])
            let ok = rest == "Z" || rest == "z" || ((rest.first == "+" || rest.first == "-")
                && [3, 5, 6].contains(rest.count) && rest.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":") })
            guard ok else { return nil }
        }
        return Double(daysFromCivil(y, mo, d)) * 86_400 + seconds
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Study times of calls from their raw time values: either all numbers (seconds from the
    /// study start, ≥ 0) or all date-times, which are measured from Monday 00:00 of the week of
    /// the earliest call (so the hour-of-week matches generated incidents). Null or empty values
    /// give nil (the simulation then reports the call as having no time).
    ///
    /// - Returns: seconds per call, and a description of the time origin for outputs.
    /// - Throws: `CovplanError(.dataError)` naming the call for a value that is neither, or for a
    ///   mix of numbers and date-times.
    public static func studySeconds(_ values: [FieldValue], ids: [String], source: String? = nil) throws
        -> (seconds: [Double?], origin: String)
    {
        var raw = [Double?](repeating: nil, count: values.count)
        var numeric: Bool?
        for (i, v) in values.enumerated() {
            let isNumber: Bool
            let value: Double
            switch v {
            case .null: continue
            case .int(let k): isNumber = true; value = Double(k)
            case .double(let d): isNumber = true; value = d
            case .bool: throw CovplanError(.dataError, file: source, feature: ids[i], "incident time is a boolean")
            case .string(let s):
                let t = s.trimmedOf(" \t")
                if t.isEmpty { continue }
                if let d = Double(t) { isNumber = true; value = d } else if let d = parseDateTime(t) { isNumber = false; value = d } else {
                    throw CovplanError(.dataError, file: source, feature: ids[i],
                                       "incident time '\(t)' is neither seconds nor an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SS)")
                }
            }
            if let n = numeric, n != isNumber {
                throw CovplanError(.dataError, file: source, feature: ids[i], "incident times mix numbers of seconds and date-times")
            }
            numeric = isNumber
            raw[i] = value
        }
        guard numeric == false else { return (raw, "seconds from the start of the study period as given") }
        let first = raw.compactMap { $0 }.min()!
        let day = (first / 86_400).rounded(.down)
        // 1970-01-01 was a Thursday: weekday index (Monday = 0) of day d is (d + 3) mod 7.
        let weekday = (Int(day) % 7 + 7 + 3) % 7
        let origin = (day - Double(weekday)) * 86_400
        let seconds = raw.map { $0.map { $0 - origin } }
        return (seconds, "local time from Monday 00:00 of the week of the first call (\(date(origin)))")
    }

    /// `YYYY-MM-DD` of seconds since 1970.
    static func date(_ seconds: Double) -> String {
        let z = Int((seconds / 86_400).rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}

extension String {
    fileprivate func trimmedOf(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
