/// A failure reported by GEOS: the C function and GEOS's own message.
public struct GEOSError: Error, CustomStringConvertible, Sendable {
    public let function: String
    public let message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "GEOS \(function): \(message)" }
}
