/// "Did you mean" suggestions by edit distance (shared by the scenario reader and the camera
/// type check).
public enum Suggest {
    /// Levenshtein distance between two strings (case-insensitive). O(|a|·|b|).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest candidate within a third of the word's length (at least 2 edits), or nil.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        let scored = candidates.map { ($0, distance(word, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// `" (did you mean 'x'?)"` or `" (expected one of: a, b, c)"`.
    public static func hint(for word: String, in candidates: [String]) -> String {
        if let c = closest(to: word, in: candidates) { return " (did you mean '\(c)'?)" }
        return candidates.isEmpty ? "" : " (expected one of: \(candidates.joined(separator: ", ")))"
    }
}
