/// Renders `ScenarioSchema` as the reference part of `scenarios/SCHEMA.md`.
public enum SchemaMarkdown {
    public static func render() -> String {
        var out = "| key | type | required | meaning |\n| --- | --- | --- | --- |\n"
        func walk(_ fields: [SchemaField], prefix: String) {
            for f in fields {
                let key = prefix.isEmpty ? f.name : prefix + "." + f.name
                let doc = f.defaultValue.map { f.doc + " Default: \($0.text)." } ?? f.doc
                out += "| `\(key)` | \(f.type.name) | \(f.required ? "yes" : "") | \(doc) |\n"
                switch f.type {
                case .object(let sub): walk(sub, prefix: key)
                case .list(.object(let sub)): walk(sub, prefix: key + "[]")
                case .dictionary(.object(let sub)): walk(sub, prefix: key + ".NAME")
                default: break
                }
            }
        }
        walk(ScenarioSchema.root, prefix: "")
        return out
    }
}
