import CityModel
import Dispatch
import GEOSBridge
import GeoCore

/// Validity checks of polygon geometries with GEOS, spread over the cores (one GEOS context
/// per worker, as GEOS contexts are single-threaded). Simple footprints that `SimpleRingCheck`
/// proves valid skip GEOS; everything else, and every invalid one, is GEOS's verdict.
enum GeometryValidation {
    /// For each geometry: nil when valid, else GEOS's report. Non-polygonal geometries are
    /// reported valid here (lines and points get their own simpler checks).
    static func polygonValidity(_ geometries: [Geometry]) throws -> [ValidityReport?] {
        let n = geometries.count
        var out = [ValidityReport?](repeating: nil, count: n)
        guard n > 0 else { return out }
        let workers = n < 512 ? 1 : 8
        let chunk = (n + workers - 1) / workers
        let failure = FailureBox()
        out.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let results = buf
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = w * chunk, hi = min(n, lo + chunk)
                guard lo < hi else { return }
                do {
                    let engine = try GEOSEngine()
                    for i in lo..<hi where !geometries[i].polygons.isEmpty {
                        // Most footprints are plain simple rings: proven valid without GEOS.
                        if SimpleRingCheck.provesValid(geometries[i]) { continue }
                        if let problem = ringProblem(geometries[i]) {
                            results[i] = ValidityReport(isValid: false, reason: problem.reason, location: problem.at)
                            continue
                        }
                        do {
                            let r = try engine.validity(geometries[i])
                            results[i] = r.isValid ? nil : r
                        } catch {
                            results[i] = ValidityReport(isValid: false, reason: "\(error)", location: nil)
                        }
                    }
                } catch {
                    failure.set("\(error)")
                }
            }
        }
        if let message = failure.message { throw CovplanError(.software, "GEOS validation failed: \(message)") }
        return out
    }
}

/// Rings GEOS cannot even represent: fewer than 4 points or not closed.
func ringProblem(_ g: Geometry) -> (reason: String, at: Point?)? {
    for p in g.polygons {
        for (k, r) in p.rings.enumerated() {
            let which = k == 0 ? "exterior ring" : "hole \(k)"
            if r.count < 4 { return ("\(which) has \(r.count) points (a ring needs at least 4)", r.first) }
            if r.first != r.last { return ("\(which) is not closed", r.first) }
        }
    }
    return nil
}

/// First error from concurrent workers.
final class FailureBox: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var message: String?

    func set(_ m: String) {
        lock.wait()
        if message == nil { message = m }
        lock.signal()
    }
}
