import CityIngest
import CityModel
import GeoCore

/// Input: the bytes of a prepared city (`.covplan`). Decoded as a load decodes it, once with
/// the CRCs checked and once without (so mutations reach the structural checks behind them): a
/// bad file is a thrown error, never a trap, and a decoded city holds only what analyses may
/// index on (finite coordinates, streets of ≥ 2 points, closed rings of ≥ 4, buildings with a
/// polygon).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    for checksums in [true, false] {
        guard let city = try? PreparedCity.decodeForFuzzing(raw, checksums: checksums) else { continue }
        for s in city.streets {
            precondition(s.points.count >= 2 && s.points.allSatisfy(\.isFinite), "street \(s.id)")
        }
        for b in city.buildings {
            precondition(!b.footprint.isEmpty, "building \(b.id) without a polygon")
            for p in b.footprint {
                for r in p.rings { precondition(r.count >= 4 && r.first == r.last && r.allSatisfy(\.isFinite), "ring of \(b.id)") }
            }
        }
        for c in city.cameras { precondition(c.position.isFinite, "camera \(c.id)") }
        for f in city.schools + city.police { precondition(f.location.isFinite, "facility \(f.id)") }
    }
    return 0
}
