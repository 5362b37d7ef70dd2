/// The class of a failure. Each maps to one documented exit code of the CLI (from sysexits.h).
public enum FailureKind: Int32, Sendable, CaseIterable {
    /// 64 — a flag or argument value is wrong (negative threshold, unknown layer kind, ...).
    case usage = 64
    /// 65 — the input data is unusable: invalid geometry, NaN coordinates, empty layer, no CRS.
    case dataError = 65
    /// 66 — an input cannot be opened: missing file, not a GIS format, unknown layer name.
    case noInput = 66
    /// 70 — an internal error (a bug): please report it.
    case software = 70
    /// 73 — an output cannot be created: it exists (no `--overwrite`) or its folder is not writable.
    case cannotCreate = 73
    /// 74 — reading or writing failed midway (disk full, truncated file).
    case ioError = 74
}

/// A user-facing failure: one line naming the file, layer, feature and problem.
///
/// Library modules throw this (or their own error types that the CLI maps to it) whenever input
/// is bad; the CLI prints `covplan: error: <description>` and exits with `kind.rawValue`.
public struct CovplanError: Error, CustomStringConvertible, Sendable, Equatable {
    public var kind: FailureKind
    public var file: String?
    public var layer: String?
    public var feature: String?
    public var problem: String

    public init(_ kind: FailureKind, file: String? = nil, layer: String? = nil, feature: String? = nil,
                _ problem: String) {
        self.kind = kind
        self.file = file
        self.layer = layer
        self.feature = feature
        self.problem = problem
    }

    /// `file: layer 'L': feature F: problem` with absent parts left out; always one line.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let layer { parts.append("layer '\(layer)'") }
        if let feature { parts.append("feature \(feature)") }
        parts.append(problem)
        return TextSafety.clean(parts.joined(separator: ": ").replacingNewlines())
    }

    /// A copy with file/layer filled in where not yet known.
    public func located(file: String? = nil, layer: String? = nil) -> CovplanError {
        var e = self
        if e.file == nil { e.file = file }
        if e.layer == nil { e.layer = layer }
        return e
    }
}

extension String {
    /// The string with line breaks and tabs collapsed to single spaces (for one-line messages).
    public func replacingNewlines() -> String {
        var out = ""
        out.reserveCapacity(count)
        var lastSpace = false
        for ch in self {
            if ch == "\n" || ch == "\r" || ch == "\t" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(ch)
                lastSpace = ch == " "
            }
        }
        return out.trimmingSpaces()
    }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
