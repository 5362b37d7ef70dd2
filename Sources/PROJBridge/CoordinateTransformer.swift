import CPROJ
import GeoCore

/// Transforms coordinates between two CRSs with PROJ, in "visualization" axis order: x is
/// longitude/easting and y latitude/northing whatever the CRS definition says.
///
/// Not thread-safe: it owns its PROJ context. Create one per thread or task.
public final class CoordinateTransformer {
    private let context: PROJContext
    private let operation: PROJObject
    /// The definitions this transformer was created from.
    public let source: String
    public let target: String

    /// Creates the best available operation from `source` to `target` (any PROJ-accepted CRS
    /// definition). Throws `PROJError` if either CRS is unknown or no operation exists.
    public init(from source: String, to target: String) throws(PROJError) {
        self.source = source
        self.target = target
        context = try PROJContext()
        guard let op = proj_create_crs_to_crs(context.raw, source, target, nil) else {
            throw context.lastError("proj_create_crs_to_crs")
        }
        let raw = PROJObject(op, context: context)
        guard let norm = proj_normalize_for_visualization(context.raw, raw.raw) else {
            throw context.lastError("proj_normalize_for_visualization")
        }
        operation = PROJObject(norm, context: context)
    }

    /// Transforms points in place. Throws if any point cannot be transformed (outside the
    /// projection's domain) or comes out non-finite; `points` is then unspecified.
    public func transform(_ points: inout [Point]) throws(PROJError) {
        let n = points.count
        guard n > 0 else { return }
        let stride = MemoryLayout<Point>.stride
        proj_errno_reset(operation.raw)
        let done = points.withUnsafeMutableBytes { buf -> Int in
            let base = buf.baseAddress!
            let xs = base.assumingMemoryBound(to: Double.self)
            let ys = (base + MemoryLayout<Double>.stride).assumingMemoryBound(to: Double.self)
            return proj_trans_generic(operation.raw, PJ_FWD, xs, stride, n, ys, stride, n, nil, 0, 0, nil, 0, 0)
        }
        let err = proj_errno(operation.raw)
        if done != n || err != 0 {
            let msg = proj_context_errno_string(context.raw, err).map { String(cString: $0) } ?? "error \(err)"
            throw PROJError(function: "proj_trans_generic", message: msg)
        }
        for p in points where !p.isFinite {
            throw PROJError(function: "proj_trans_generic",
                            message: "coordinate outside the domain of \(target) (got a non-finite result)")
        }
    }

    /// Transforms one point.
    public func transform(_ p: Point) throws(PROJError) -> Point {
        var a = [p]
        try transform(&a)
        return a[0]
    }

    /// Transforms every coordinate of a geometry, in one PROJ call.
    public func transform(_ g: Geometry) throws(PROJError) -> Geometry {
        var pts = g.allPoints
        try transform(&pts)
        var i = 0
        return g.mapPoints { _ in
            defer { i += 1 }
            return pts[i]
        }
    }
}
