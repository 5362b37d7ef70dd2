import GeoCore

/// A time-ordered list of incidents, struct-of-arrays (one entry per incident, index = incident).
///
/// Times are seconds from the start of the study period (t = 0 is Monday 00:00 local time for
/// generated streams). On-scene durations are drawn up front, so two dispatch configurations
/// run on the same stream see the same incidents *and* the same durations (common random numbers).
public struct IncidentStream: Sendable, Hashable {
    /// Arrival (call) times in seconds, non-decreasing.
    public var timeSeconds: [Double]
    /// Atom index of each incident.
    public var atom: [Int32]
    /// Index into `types`.
    public var type: [Int32]
    /// On-scene (service) duration in seconds.
    public var onSceneSeconds: [Double]
    /// The incident types the `type` column refers to.
    public var types: [IncidentType]
    /// Length of the study period in seconds (utilisation denominators; ≥ last arrival).
    public var horizonSeconds: Double
    /// External identifiers for supplied incidents (empty for generated streams).
    public var ids: [String]

    public init(timeSeconds: [Double], atom: [Int32], type: [Int32], onSceneSeconds: [Double],
                types: [IncidentType], horizonSeconds: Double, ids: [String] = []) {
        self.timeSeconds = timeSeconds
        self.atom = atom
        self.type = type
        self.onSceneSeconds = onSceneSeconds
        self.types = types
        self.horizonSeconds = horizonSeconds
        self.ids = ids
    }

    /// Number of incidents.
    public var count: Int { timeSeconds.count }

    /// The identifier of incident `i` for messages: its supplied id, else `#i`.
    public func label(_ i: Int) -> String { i < ids.count ? ids[i] : "#\(i)" }

    /// Checks internal consistency against `atomCount`: equal column lengths, sorted finite
    /// times within the horizon, atoms and types in range, durations ≥ 0.
    /// Throws `CovplanError(.dataError)` naming the first bad incident. O(n).
    public func validate(atomCount: Int) throws {
        let n = timeSeconds.count
        guard atom.count == n, type.count == n, onSceneSeconds.count == n, ids.isEmpty || ids.count == n else {
            throw CovplanError(.dataError, "incident stream: columns have different lengths")
        }
        guard !types.isEmpty || n == 0 else { throw CovplanError(.dataError, "incident stream: no incident types") }
        for t in types { try t.validate() }
        guard horizonSeconds.isFinite, horizonSeconds > 0 else {
            throw CovplanError(.dataError, "incident stream: study period must be > 0 seconds, got \(horizonSeconds)")
        }
        var last = -Double.infinity
        for i in 0..<n {
            let t = timeSeconds[i]
            guard t.isFinite, t >= 0, t <= horizonSeconds else {
                throw CovplanError(.dataError, feature: "incident \(label(i))",
                                   "time \(t) s is outside the study period 0…\(horizonSeconds) s")
            }
            guard t >= last else {
                throw CovplanError(.dataError, feature: "incident \(label(i))", "incidents are not sorted by time")
            }
            last = t
            guard atom[i] >= 0, Int(atom[i]) < atomCount else {
                throw CovplanError(.dataError, feature: "incident \(label(i))",
                                   "atom index \(atom[i]) is outside 0..<\(atomCount)")
            }
            guard type[i] >= 0, Int(type[i]) < types.count else {
                throw CovplanError(.dataError, feature: "incident \(label(i))", "type index \(type[i]) is unknown")
            }
            guard onSceneSeconds[i].isFinite, onSceneSeconds[i] >= 0 else {
                throw CovplanError(.dataError, feature: "incident \(label(i))",
                                   "on-scene time must be ≥ 0 seconds, got \(onSceneSeconds[i])")
            }
        }
    }
}

/// One supplied incident (a real call for service), before validation.
///
/// Optional fields model what a loaded layer may lack; a missing time or atom is an error, a
/// missing on-scene time is drawn from the type's distribution.
public struct IncidentRecord: Sendable, Hashable {
    public var id: String
    /// Seconds from the start of the study period; nil when the source had no time.
    public var timeSeconds: Double?
    /// Atom index (after snapping the call location to the atoms); nil when it could not be placed.
    public var atom: Int?
    /// Index into the type list.
    public var type: Int
    /// Recorded on-scene time in seconds, if known.
    public var onSceneSeconds: Double?

    public init(id: String, timeSeconds: Double?, atom: Int?, type: Int = 0, onSceneSeconds: Double? = nil) {
        self.id = id
        self.timeSeconds = timeSeconds
        self.atom = atom
        self.type = type
        self.onSceneSeconds = onSceneSeconds
    }
}

extension IncidentStream {
    /// A stream from supplied records: sorted by time (stable, so equal times keep input order),
    /// missing on-scene times drawn from the type's distribution with `seed`.
    ///
    /// - Parameters:
    ///   - horizonSeconds: study period; nil = the last incident time (or 1 s if empty).
    ///   - source: file/layer name used in error messages.
    /// - Throws: `CovplanError(.dataError)` naming the record for a missing/negative/NaN time, a
    ///   missing or out-of-range atom, an unknown type, or a negative on-scene time.
    ///   O(n log n).
    public init(records: [IncidentRecord], types: [IncidentType], atomCount: Int,
                horizonSeconds: Double? = nil, seed: UInt64 = 1, source: String? = nil) throws {
        for t in types { try t.validate() }
        guard !types.isEmpty else { throw CovplanError(.usage, file: source, "no incident types given") }
        var rng = Xoshiro256StarStar(seed: seed)
        var rows: [(t: Double, atom: Int32, type: Int32, scene: Double, id: String)] = []
        rows.reserveCapacity(records.count)
        for r in records {
            guard let t = r.timeSeconds else {
                throw CovplanError(.dataError, file: source, feature: r.id, "incident has no time")
            }
            guard t.isFinite, t >= 0 else {
                throw CovplanError(.dataError, file: source, feature: r.id,
                                   "incident time \(t) s is negative or not a number")
            }
            guard let a = r.atom else {
                throw CovplanError(.dataError, file: source, feature: r.id, "incident has no location (atom)")
            }
            guard a >= 0, a < atomCount else {
                throw CovplanError(.dataError, file: source, feature: r.id, "atom index \(a) is outside 0..<\(atomCount)")
            }
            guard r.type >= 0, r.type < types.count else {
                throw CovplanError(.dataError, file: source, feature: r.id,
                                   "type index \(r.type) is outside 0..<\(types.count)")
            }
            let scene: Double
            if let s = r.onSceneSeconds {
                guard s.isFinite, s >= 0 else {
                    throw CovplanError(.dataError, file: source, feature: r.id,
                                       "on-scene time must be ≥ 0 seconds, got \(s)")
                }
                scene = s
            } else {
                scene = types[r.type].onScene.sample(&rng)
            }
            rows.append((t, Int32(a), Int32(r.type), scene, r.id))
        }
        // Stable sort by time: decorate with the input position.
        let order = rows.indices.sorted { (rows[$0].t, $0) < (rows[$1].t, $1) }
        let last = order.last.map { rows[$0].t } ?? 0
        let horizon = horizonSeconds ?? max(last, 1)
        guard horizon.isFinite, horizon > 0, horizon >= last else {
            throw CovplanError(.usage, file: source,
                               "study period \(horizon) s must be > 0 and cover the last incident at \(last) s")
        }
        self.init(timeSeconds: order.map { rows[$0].t }, atom: order.map { rows[$0].atom },
                  type: order.map { rows[$0].type }, onSceneSeconds: order.map { rows[$0].scene },
                  types: types, horizonSeconds: horizon, ids: order.map { rows[$0].id })
    }
}
