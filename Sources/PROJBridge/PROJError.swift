/// A failure reported by PROJ, with the C function that reported it and PROJ's own message.
public struct PROJError: Error, CustomStringConvertible, Sendable {
    public let function: String
    public let message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "PROJ \(function): \(message)" }
}
