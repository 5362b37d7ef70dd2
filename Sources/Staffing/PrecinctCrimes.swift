import CityModel
import GeoCore

/// Crimes per precinct: incident points located in the precinct polygons (working CRS, metres).
/// A point in an overlap sliver counts once, for the precinct listed first; points outside every
/// precinct are counted apart.
public enum PrecinctCrimes {
    /// Incidents per precinct (in precinct order) and those outside every precinct.
    public static func count(_ incidents: [Point], in precincts: [Precinct]) -> (counts: [Int], outside: Int) {
        let index = PolygonIndex(precincts.map(\.polygons))
        var counts = [Int](repeating: 0, count: precincts.count)
        var outside = 0
        for p in incidents {
            if let k = index.locate(p) { counts[k] += 1 } else { outside += 1 }
        }
        return (counts, outside)
    }

    /// Crimes per 10,000 residents; nil without residents.
    public static func per10k(crimes: Int, residents: Double) -> Double? {
        residents > 0 ? Double(crimes) / residents * 10_000 : nil
    }

    /// The note a load carries for incidents outside every precinct (nil when none is).
    public static func outsideNote(_ outside: Int) -> String? {
        outside > 0 ? "\(outside) incidents fall outside every precinct" : nil
    }
}

extension PrecinctLoadResult {
    /// This load with crimes per precinct (`counted` from `PrecinctCrimes.count` on its own
    /// precincts): each precinct's `crimes` and `crimesPer10k`, and the outside note appended.
    public func withCrimes(_ counted: (counts: [Int], outside: Int)) -> PrecinctLoadResult {
        var r = self
        for i in r.loads.indices {
            r.loads[i].crimes = counted.counts[i]
            r.loads[i].crimesPer10k = PrecinctCrimes.per10k(crimes: counted.counts[i], residents: r.loads[i].residents)
        }
        if let note = PrecinctCrimes.outsideNote(counted.outside) { r.notes.append(note) }
        return r
    }
}
