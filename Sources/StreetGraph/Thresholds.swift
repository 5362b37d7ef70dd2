import GeoCore

/// Parsing and validation of time thresholds (`--minutes 3,5,10`).
public enum Thresholds {
    /// Parses a comma-separated list of minutes into ascending, distinct values.
    ///
    /// - Throws: `CovplanError(.usage)` for an empty list, a non-numeric entry, or a negative,
    ///   NaN or infinite value. Zero is allowed (it reaches only the sources' own positions).
    public static func parseMinutes(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: " ") }
        guard !parts.isEmpty, !(parts.count == 1 && parts[0].isEmpty) else {
            throw CovplanError(.usage, "no time thresholds given (expected minutes such as 3,5,10)")
        }
        var values: [Double] = []
        for p in parts {
            guard let v = Double(p) else {
                throw CovplanError(.usage, "time threshold '\(p)' is not a number of minutes")
            }
            values.append(v)
        }
        return try validateMinutes(values)
    }

    /// Checks minutes and returns them sorted ascending without duplicates.
    ///
    /// - Throws: `CovplanError(.usage)` for an empty list or a negative or non-finite value, or
    ///   one above `InputLimits.maxMinutes` (a day).
    public static func validateMinutes(_ minutes: [Double]) throws -> [Double] {
        guard !minutes.isEmpty else {
            throw CovplanError(.usage, "no time thresholds given (expected minutes such as 3,5,10)")
        }
        for v in minutes where !(v.isFinite && v >= 0) {
            throw CovplanError(.usage, "time threshold \(v) must be a finite, non-negative number of minutes")
        }
        for v in minutes {
            try InputLimits.check(v, max: InputLimits.maxMinutes, "time threshold (minutes)", why: "one day")
        }
        return Array(Set(minutes)).sorted()
    }

    /// Checks thresholds in seconds: finite, non-negative, strictly ascending.
    ///
    /// - Throws: `CovplanError(.usage)` otherwise.
    public static func validateSeconds(_ seconds: [Double]) throws {
        for (i, v) in seconds.enumerated() {
            guard v.isFinite, v >= 0 else {
                throw CovplanError(.usage, "time threshold \(v) s must be a finite, non-negative number")
            }
            try InputLimits.check(v / 60, max: InputLimits.maxMinutes, "time threshold (minutes)", why: "one day")
            if i > 0 && seconds[i - 1] >= v {
                throw CovplanError(.usage, "time thresholds must be ascending and distinct")
            }
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set || s.first == "\t" { s = s.dropFirst() }
        while s.last == set || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
