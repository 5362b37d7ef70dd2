import GeoCore

/// Cameras far from the city's streets: usually a wrong CRS, swapped coordinates or a camera of
/// another city. They are kept (they may be deliberate) but each is reported as a warning.
public enum CameraExtentCheck {
    /// How far beyond the street extent a camera may stand before it is reported, metres.
    public static let maxDistanceMeters = 5_000.0
    /// At most this many cameras are named; the rest are counted.
    static let maxNamed = 20

    /// One warning per camera farther than `maxDistanceMeters` outside the envelope of
    /// `streets` (working CRS), naming it and the distance; none without streets. O(n + s).
    public static func warnings(_ cameras: [CameraRecord], streets: [Street], layer: String = "cameras") -> [String] {
        guard !cameras.isEmpty, !streets.isEmpty else { return [] }
        var env = Envelope.empty
        for s in streets { env.expand(by: s.envelope) }
        return warnings(cameras, streetExtent: env, layer: layer)
    }

    /// As above with the street extent given (working CRS).
    public static func warnings(_ cameras: [CameraRecord], streetExtent env: Envelope, layer: String = "cameras") -> [String] {
        guard !env.isEmpty else { return [] }
        let limit2 = maxDistanceMeters * maxDistanceMeters
        var out: [String] = []
        var more = 0
        for c in cameras where c.position.isFinite {
            let d2 = env.distanceSquared(to: c.position)
            guard d2 > limit2 else { continue }
            if out.count < maxNamed {
                let km = (d2.squareRoot() / 100).rounded() / 10
                out.append("layer '\(layer)': feature \(c.id): camera is \(km) km outside the street extent (more than \(Int(maxDistanceMeters / 1000)) km; wrong CRS or coordinates?)")
            } else {
                more += 1
            }
        }
        if more > 0 { out.append("layer '\(layer)': \(more) more cameras are more than \(Int(maxDistanceMeters / 1000)) km outside the street extent") }
        return out
    }
}
