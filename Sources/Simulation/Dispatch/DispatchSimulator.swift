import GeoCore

/// Discrete-event simulation of dispatching response units to incidents.
///
/// Model: incidents arrive at their atoms at their times. Each gets a unit at once when one is
/// available (nearest by travel time from its current position, or by fixed preference list);
/// otherwise it waits in a queue ordered by priority (1 first) and then by call time (FIFO).
/// A dispatched unit travels, serves the on-scene time, then takes the most urgent waiting
/// incident straight from the scene or, if none waits, follows `AfterService`. Units are never
/// pre-empted. Response time = wait + travel. The run continues after the study end until every
/// incident is served.
///
/// Implementation: arrivals are read in time order from the stream; unit events (scene cleared,
/// home reached) sit in a binary heap holding at most one live event per unit (superseded events
/// are skipped by a per-unit version stamp), so the heap stays O(units) and the run is
/// O(n · (U + log U)) with U units, no per-event allocation. Ties: unit events before arrivals
/// at the same instant, then by unit index. Deterministic: no randomness during the run.
public enum DispatchSimulator {
    /// Runs the simulation.
    ///
    /// - Parameters:
    ///   - area: atoms (residents and zones for the per-zone figures).
    ///   - incidents: the incident stream (atoms index `area.atoms`).
    ///   - travel: one travel-time provider per travel mode (`ResponseUnit.travelMode`), each over
    ///     the same atoms.
    ///   - settings: units and dispatch rules.
    /// - Throws: `CovplanError` — `.dataError` for zero units, a unit whose home atom is out of
    ///   range or cannot reach (or be reached from) an incident atom (off the network), a bad
    ///   incident stream or preference list; `.usage` for a bad travel mode or warm-up.
    public static func run(area: StudyArea, incidents: IncidentStream, travel: [any TravelTimeProvider],
                           settings: DispatchSettings) throws -> DispatchResult {
        let engine = try DispatchEngine(area: area, incidents: incidents, travel: travel, settings: settings)
        engine.simulate()
        return engine.report()
    }
}

enum EventKind: UInt64 {
    case free = 0        // onSceneIsTotalBusyTime: unit back home and free
    case sceneEnd = 1
    case homeArrival = 2
}

final class DispatchEngine {
    // Inputs
    let area: StudyArea
    let stream: IncidentStream
    // Stream columns as plain arrays (no struct copies on access in debug builds).
    let callTime: [Double]
    let callAtom: [Int32]
    let callType: [Int32]
    let sceneSeconds: [Double]
    let providers: [any TravelTimeProvider]
    let settings: DispatchSettings
    let atomCount: Int
    let unitCount: Int
    let home: [Int32]
    let mode: [Int32]
    /// homeTable[u * atomCount + a] = seconds from u's home to atom a.
    let homeTable: [Double]
    let primary: [Int32]
    let prefOffsets: [Int32]
    let prefUnits: [Int32]
    let usePreferences: Bool
    let level: [Int32]            // priority level per type (0 = most urgent)
    let warmup: Double
    let horizon: Double

    // Unit state
    var available: [Bool]
    var availableList: [Int32]
    var slotInList: [Int32]
    var position: [Int32]
    var version: [UInt64]
    var busySince: [Double]
    var busySeconds: [Double]
    var dispatches: [Int]
    var travelSum: [Double]
    var crossBeat: [Int]

    // Incident outcomes
    var unitOf: [Int32]
    var dispatchAt: [Double]
    var onSceneAt: [Double]
    var clearAt: [Double]

    var events: EventQueue
    var queue: PriorityFIFO
    var maxQueue = 0

    init(area: StudyArea, incidents: IncidentStream, travel: [any TravelTimeProvider],
         settings: DispatchSettings) throws {
        try area.validate()
        let A = area.atoms.count
        try incidents.validate(atomCount: A)
        let units = settings.units
        guard !units.isEmpty else { throw CovplanError(.dataError, "dispatch simulation: no response units") }
        guard units.count < (1 << 24) else { throw CovplanError(.dataError, "dispatch simulation: too many units") }
        guard !travel.isEmpty else { throw CovplanError(.usage, "dispatch simulation: no travel-time provider") }
        for (k, p) in travel.enumerated() where p.atomCount != A {
            throw CovplanError(.usage, "travel mode \(k) knows \(p.atomCount) atoms, the study area has \(A)")
        }
        guard settings.warmupSeconds.isFinite, settings.warmupSeconds >= 0,
              settings.warmupSeconds < incidents.horizonSeconds else {
            throw CovplanError(.usage, "warm-up must be ≥ 0 and shorter than the study period, got \(settings.warmupSeconds) s")
        }
        for u in units {
            guard u.homeAtom >= 0, u.homeAtom < A else {
                throw CovplanError(.dataError, feature: "unit \(u.id)", "home atom \(u.homeAtom) is outside 0..<\(A)")
            }
            guard u.travelMode >= 0, u.travelMode < travel.count else {
                throw CovplanError(.usage, feature: "unit \(u.id)", "travel mode \(u.travelMode) is not defined")
            }
        }
        self.area = area
        self.stream = incidents
        callTime = incidents.timeSeconds
        callAtom = incidents.atom
        callType = incidents.type
        sceneSeconds = incidents.onSceneSeconds
        self.providers = travel
        self.settings = settings
        atomCount = A
        unitCount = units.count
        home = units.map { Int32($0.homeAtom) }
        mode = units.map { Int32($0.travelMode) }
        warmup = settings.warmupSeconds
        horizon = incidents.horizonSeconds

        // Atoms that receive incidents must be reachable from, and able to reach, every home.
        var used = [Bool](repeating: false, count: A)
        for a in incidents.atom { used[Int(a)] = true }
        var table = [Double](repeating: 0, count: units.count * A)
        for (u, unit) in units.enumerated() {
            let p = travel[unit.travelMode]
            for a in 0..<A {
                let t = p.seconds(from: unit.homeAtom, to: a)
                table[u * A + a] = t
                if used[a] {
                    let back = p.seconds(from: a, to: unit.homeAtom)
                    guard t.isFinite, t >= 0, back.isFinite, back >= 0 else {
                        throw CovplanError(.dataError, feature: "unit \(unit.id)",
                                           "cannot reach atom \(area.atoms[a].id) and return (unit off the network or disconnected)")
                    }
                }
            }
        }
        homeTable = table

        // Preference lists.
        var offsets: [Int32] = [0]
        var flat: [Int32] = []
        if case .preferenceLists(let lists) = settings.selection {
            guard lists.count == A else {
                throw CovplanError(.dataError, "preference lists: \(lists.count) lists for \(A) atoms")
            }
            var seen = [Int](repeating: -1, count: units.count)
            for (a, list) in lists.enumerated() {
                for u in list {
                    guard u >= 0, u < units.count else {
                        throw CovplanError(.dataError, feature: "atom \(area.atoms[a].id)",
                                           "preference list names unit index \(u), outside 0..<\(units.count)")
                    }
                    guard seen[u] != a else {
                        throw CovplanError(.dataError, feature: "atom \(area.atoms[a].id)",
                                           "preference list names unit \(units[u].id) twice")
                    }
                    seen[u] = a
                    flat.append(Int32(u))
                }
                offsets.append(Int32(flat.count))
            }
            usePreferences = true
        } else {
            usePreferences = false
        }
        prefOffsets = offsets
        prefUnits = flat

        // Primary unit per atom: first preference, else nearest home (ties: lower index).
        var prim = [Int32](repeating: 0, count: A)
        for a in 0..<A {
            if usePreferences, offsets[a + 1] > offsets[a] {
                prim[a] = flat[Int(offsets[a])]
                continue
            }
            var best = Double.infinity
            var bestU = 0
            for u in 0..<units.count where table[u * A + a] < best {
                best = table[u * A + a]
                bestU = u
            }
            prim[a] = Int32(bestU)
        }
        primary = prim

        let priorities = Array(Set(incidents.types.map(\.priority))).sorted()
        level = incidents.types.map { Int32(priorities.firstIndex(of: $0.priority)!) }

        let U = units.count
        available = [Bool](repeating: true, count: U)
        availableList = (0..<U).map { Int32($0) }
        slotInList = (0..<U).map { Int32($0) }
        position = home
        version = [UInt64](repeating: 0, count: U)
        busySince = [Double](repeating: 0, count: U)
        busySeconds = [Double](repeating: 0, count: U)
        dispatches = [Int](repeating: 0, count: U)
        travelSum = [Double](repeating: 0, count: U)
        crossBeat = [Int](repeating: 0, count: U)
        let n = incidents.count
        unitOf = [Int32](repeating: -1, count: n)
        dispatchAt = [Double](repeating: 0, count: n)
        onSceneAt = [Double](repeating: 0, count: n)
        clearAt = [Double](repeating: 0, count: n)
        events = EventQueue(capacity: 2 * U + 4)
        queue = PriorityFIFO(levels: priorities.count)
    }

    // MARK: travel

    /// Seconds from unit u's current position to atom a.
    @inline(__always)
    func travelSeconds(_ u: Int, _ a: Int) -> Double {
        let pos = Int(position[u])
        let h = Int(home[u])
        if pos == h { return homeTable[u &* atomCount &+ a] }
        let p = providers[Int(mode[u])]
        let direct = p.seconds(from: pos, to: a)
        if direct.isFinite { return direct }
        // Via home: finite by the reachability check (pos and a are incident atoms).
        return p.seconds(from: pos, to: h) + homeTable[u &* atomCount &+ a]
    }

    func secondsHome(_ u: Int) -> Double {
        let pos = Int(position[u])
        let h = Int(home[u])
        return pos == h ? 0 : providers[Int(mode[u])].seconds(from: pos, to: h)
    }

    // MARK: availability

    func makeAvailable(_ u: Int, at t: Double) {
        if available[u] { return }
        available[u] = true
        slotInList[u] = Int32(availableList.count)
        availableList.append(Int32(u))
        let lo = max(busySince[u], warmup)
        let hi = min(t, horizon)
        if hi > lo { busySeconds[u] += hi - lo }
    }

    func makeUnavailable(_ u: Int, at t: Double) {
        if !available[u] { return }
        available[u] = false
        let slot = Int(slotInList[u])
        let last = availableList.removeLast()
        if Int(last) != u {
            availableList[slot] = last
            slotInList[Int(last)] = Int32(slot)
        }
        busySince[u] = t
    }

    /// The unit to send to atom a, or -1 when none is available. O(available units).
    func selectUnit(for a: Int) -> Int {
        // Local copies: one retain per call instead of per unit (class properties).
        let list = availableList
        if list.isEmpty { return -1 }
        if usePreferences {
            let lo = Int(prefOffsets[a]), hi = Int(prefOffsets[a + 1])
            let avail = available
            for k in lo..<hi where avail[Int(prefUnits[k])] { return Int(prefUnits[k]) }
        }
        let pos = position, homes = home, table = homeTable, A = atomCount
        var best = Double.infinity
        var bestU = -1
        for slot in 0..<list.count {
            let u = Int(list[slot])
            let t = pos[u] == homes[u] ? table[u &* A &+ a] : travelSeconds(u, a)
            if t < best || (t == best && u < bestU) {
                best = t
                bestU = u
            }
        }
        return bestU
    }

    // MARK: events

    @inline(__always)
    func schedule(_ u: Int, _ kind: EventKind, at t: Double) {
        events.push(t, (version[u] << 26) | (kind.rawValue << 24) | UInt64(u))
    }

    func dispatch(_ u: Int, incident i: Int, at now: Double) {
        let a = Int(callAtom[i])
        let travel = travelSeconds(u, a)
        makeUnavailable(u, at: now)
        version[u] &+= 1
        let arrive = now + travel
        unitOf[i] = Int32(u)
        dispatchAt[i] = now
        onSceneAt[i] = arrive
        if callTime[i] >= warmup {
            dispatches[u] += 1
            travelSum[u] += travel
            if primary[a] != Int32(u) { crossBeat[u] += 1 }
        }
        switch settings.serviceTime {
        case .onSceneIsTotalBusyTime:
            let free = now + sceneSeconds[i]
            clearAt[i] = free
            position[u] = home[u]
            schedule(u, .free, at: free)
        case .travelPlusOnScene:
            let clear = arrive + sceneSeconds[i]
            clearAt[i] = clear
            position[u] = Int32(a)
            schedule(u, .sceneEnd, at: clear)
        }
    }

    /// Unit u is ready for work at t: take the head of the queue or become available.
    func release(_ u: Int, at t: Double) {
        if !queue.isEmpty {
            let i = Int(queue.pop())
            dispatch(u, incident: i, at: t)
        } else {
            makeAvailable(u, at: t)
        }
    }

    func handle(event payload: UInt64, at t: Double) {
        let u = Int(payload & 0xFF_FFFF)
        let kind = EventKind(rawValue: (payload >> 24) & 3)!
        guard payload >> 26 == version[u] else { return }  // superseded
        switch kind {
        case .free:
            release(u, at: t)
        case .sceneEnd:
            if !queue.isEmpty {
                release(u, at: t)
                return
            }
            switch settings.afterService {
            case .stayAtScene:
                makeAvailable(u, at: t)
            case .returnHomeAvailable:
                makeAvailable(u, at: t)
                schedule(u, .homeArrival, at: t + secondsHome(u))
            case .returnHome:
                schedule(u, .homeArrival, at: t + secondsHome(u))
            }
        case .homeArrival:
            position[u] = home[u]
            if !available[u] { release(u, at: t) }
        }
    }

    func simulate() {
        let n = stream.count
        var next = 0
        while next < n || !events.isEmpty {
            if !events.isEmpty && (next == n || events.minTime <= callTime[next]) {
                let e = events.pop()
                handle(event: e.payload, at: e.time)
            } else {
                let i = next
                next += 1
                let t = callTime[i]
                let u = selectUnit(for: Int(callAtom[i]))
                if u >= 0 {
                    dispatch(u, incident: i, at: t)
                } else {
                    queue.push(Int32(i), level: Int(level[Int(callType[i])]))
                    if queue.count > maxQueue { maxQueue = queue.count }
                }
            }
        }
    }
}
