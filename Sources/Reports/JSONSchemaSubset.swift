import CityIngest
import Foundation
import GeoCore

/// A validator for the subset of JSON Schema (draft 2020-12) that covplan's schemas use:
/// `type` (string or list), `properties`, `required`, `additionalProperties` (bool or schema),
/// `items`, `enum`, `minimum`, `maximum`, `minItems`, `$ref` to `#/$defs/NAME`, `anyOf`.
/// Unknown keywords are an error, so a schema cannot silently ask for more than is checked.
/// Used by `covplan compare` (every summary.json against `SummarySchema`) and by the tests.
public struct JSONSchemaSubset: @unchecked Sendable {
    let root: [String: Any]

    public init(schemaPath: String) throws {
        try self.init(data: try InputFile.data(schemaPath, what: "JSON schema"))
    }

    public init(text: String) throws {
        try self.init(data: Data(text.utf8))
    }

    /// Throws `CovplanError(.software)` when the data is not a JSON object.
    public init(data: Data) throws {
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CovplanError(.software, "the JSON schema is not a JSON object")
        }
        root = obj
    }

    /// The schema of `summary.json` written by `covplan run` (`scenarios/summary.schema.json`,
    /// embedded in the binary as `SummarySchema.text`).
    public static let summary: JSONSchemaSubset = {
        guard let s = try? JSONSchemaSubset(text: SummarySchema.text) else { fatalError("embedded summary schema is not JSON") }
        return s
    }()

    static let known: Set<String> = ["$schema", "$id", "$defs", "title", "description", "type", "properties", "required",
                                     "additionalProperties", "items", "enum", "minimum", "maximum", "minItems", "$ref", "anyOf"]

    /// Problems found, as `path: message` lines (empty when valid).
    public func validate(_ instance: Any) -> [String] {
        var problems: [String] = []
        check(instance, root, path: "$", problems: &problems)
        return problems
    }

    func typeName(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let n = v as? NSNumber {
            if String(describing: type(of: n)).contains("Boolean") || String(cString: n.objCType) == "c" { return "boolean" }
            return n.doubleValue == n.doubleValue.rounded() ? "integer" : "number"
        }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    func check(_ v: Any, _ schema: [String: Any], path: String, problems: inout [String]) {
        for k in schema.keys where !Self.known.contains(k) { problems.append("\(path): schema keyword '\(k)' not supported") }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any] else {
                problems.append("\(path): unresolved $ref \(ref)")
                return
            }
            check(v, target, path: path, problems: &problems)
        }
        if let any = schema["anyOf"] as? [[String: Any]] {
            let ok = any.contains { s in
                var p: [String] = []
                check(v, s, path: path, problems: &p)
                return p.isEmpty
            }
            if !ok { problems.append("\(path): matches none of anyOf") }
        }
        if let t = schema["type"] {
            let allowed = (t as? [String]) ?? [(t as? String) ?? ""]
            var actual = typeName(v)
            if actual == "integer", allowed.contains("number") { actual = "number" }
            if !allowed.contains(actual) { problems.append("\(path): expected \(allowed.joined(separator: "|")), found \(typeName(v))") }
        }
        if let e = schema["enum"] as? [Any] {
            let s = "\(v)"
            if !e.contains(where: { "\($0)" == s }) { problems.append("\(path): '\(s)' not in enum") }
        }
        if let n = v as? NSNumber, typeName(v) != "boolean" {
            if let lo = schema["minimum"] as? Double, n.doubleValue < lo { problems.append("\(path): \(n) < minimum \(lo)") }
            if let hi = schema["maximum"] as? Double, n.doubleValue > hi { problems.append("\(path): \(n) > maximum \(hi)") }
        }
        if let obj = v as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where obj[r] == nil { problems.append("\(path): missing '\(r)'") }
            for (k, value) in obj.sorted(by: { $0.key < $1.key }) {
                if let ps = props[k] as? [String: Any] {
                    check(value, ps, path: "\(path).\(k)", problems: &problems)
                } else if let extra = schema["additionalProperties"] {
                    if let b = extra as? Bool, !b { problems.append("\(path): unexpected key '\(k)'") }
                    if let s = extra as? [String: Any] { check(value, s, path: "\(path).\(k)", problems: &problems) }
                }
            }
        }
        if let arr = v as? [Any] {
            if let min = schema["minItems"] as? Int, arr.count < min { problems.append("\(path): fewer than \(min) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, x) in arr.enumerated() { check(x, items, path: "\(path)[\(i)]", problems: &problems) }
            }
        }
    }
}
