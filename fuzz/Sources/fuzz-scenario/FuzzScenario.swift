import GeoCore
@testable import Scenario

/// Input: scenario text. Parsed by the bounded YAML reader and validated against the schema,
/// as `ScenarioDocument.load` does for one file (no `extends:` files are read). Every failure
/// must be a `CovplanError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let node = try YAMLReader.parse(text, file: "fuzz.yaml")
        var validator = SchemaValidator()
        try validator.validate(node)
    } catch is CovplanError {
    } catch {
        fatalError("scenario reader threw \(type(of: error)): \(error)")
    }
    return 0
}
