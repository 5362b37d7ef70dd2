/// Typed reads from a validated document (the validator has checked types already, so these
/// only convert).
extension ConfigNode {
    public var text: String? { if case .scalar(let s, _, _) = self { s } else { nil } }
    public var number: Double? { text.flatMap(Double.init) }
    public var integer: Int? { text.flatMap { Int($0) } }
    public var bool: Bool? { text.map { $0 == "true" } }
    public var items: [ConfigNode] { if case .list(let l, _) = self { l } else { [] } }
    public var entries: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] {
        if case .map(let e, _) = self { e } else { [] }
    }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// A path value resolved relative to the file that wrote it (as typed when it was given on
    /// the command line: relative to the working directory).
    public var resolvedPath: String? {
        guard case .scalar(let s, _, let at) = self else { return nil }
        return at.isCommandLine ? s : ScenarioPaths.resolve(s, relativeTo: at.file)
    }

    /// Value at a dotted path, e.g. `"cameras.types"`.
    public func at(_ dotted: String) -> ConfigNode? {
        var node: ConfigNode? = self
        for part in dotted.split(separator: ".") { node = node?[String(part)] }
        if let n = node, n.isNull { return nil }
        return node
    }
}
