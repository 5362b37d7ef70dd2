/// A failure reported by GDAL/OGR: the C function and GDAL's own message(s).
public struct GDALError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// The file is missing, unreadable, or not in a format GDAL recognises.
        case cannotOpen
        /// A named layer does not exist.
        case noSuchLayer
        /// Reading failed midway (truncated or corrupt data).
        case readFailed
        /// An attribute filter or SQL statement was rejected.
        case badQuery
        /// Creating or writing an output failed.
        case writeFailed
    }

    public let kind: Kind
    public let function: String
    public let message: String

    public init(_ kind: Kind, function: String, message: String) {
        self.kind = kind
        self.function = function
        self.message = message
    }

    public var description: String { "\(message) (GDAL \(function))" }
}
