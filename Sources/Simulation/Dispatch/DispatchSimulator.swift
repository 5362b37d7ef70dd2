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
        let engine = try Engine(area: area, incidents: incidents, travel: travel, settings: settings)
        engine.simulate()
        return engine.report()
    }
}

private enum EventKind: UInt64 {
    case free = 0        // onSceneIsTotalBusyTime: unit back home and free
    case sceneEnd = 1
    case homeArrival = 2
}

private final class Engine {
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

    // MARK: report

    func report() -> DispatchResult {
        let n = stream.count
        let A = atomCount
        let counted = horizon - warmup
        let zoneCount = area.zoneNames.count
        var responses: [Double] = []
        var waits: [Double] = []
        responses.reserveCapacity(n)
        waits.reserveCapacity(n)
        var within = 0
        var travelTotal = 0.0
        var delayed = 0
        var typeResponses = [[Double]](repeating: [], count: stream.types.count)
        var typeWithin = [Int](repeating: 0, count: stream.types.count)
        var typeWait = [Double](repeating: 0, count: stream.types.count)
        var zoneResponses = [[Double]](repeating: [], count: zoneCount)
        var zoneWithin = [Int](repeating: 0, count: zoneCount)
        let targets = stream.types.map(\.targetSeconds)
        let atomZone = area.atoms.map { $0.zone ?? -1 }
        var atomCount = [Int](repeating: 0, count: A)
        var atomResponse = [Double](repeating: 0, count: A)
        var atomTravel = [Double](repeating: 0, count: A)
        for i in 0..<n where callTime[i] >= warmup {
            let call = callTime[i]
            let r = onSceneAt[i] - call
            let w = dispatchAt[i] - call
            let travel = onSceneAt[i] - dispatchAt[i]
            let k = Int(callType[i])
            let a = Int(callAtom[i])
            let ok = r <= targets[k]
            responses.append(r)
            waits.append(w)
            if ok { within += 1; typeWithin[k] += 1 }
            if w > 0 { delayed += 1 }
            travelTotal += travel
            typeResponses[k].append(r)
            typeWait[k] += w
            atomCount[a] += 1
            atomResponse[a] += r
            atomTravel[a] += travel
            let z = atomZone[a]
            if z >= 0 {
                zoneResponses[z].append(r)
                if ok { zoneWithin[z] += 1 }
            }
        }
        let m = responses.count
        let delayedWaitTotal = waits.reduce(0, +)
        var maxWait = 0.0
        for w in waits where w > maxWait { maxWait = w }
        let wait = WaitSummary(
            delayedFraction: m > 0 ? Double(delayed) / Double(m) : 0,
            meanSeconds: m > 0 ? delayedWaitTotal / Double(m) : 0,
            meanIfDelayedSeconds: delayed > 0 ? delayedWaitTotal / Double(delayed) : 0,
            p90Seconds: m > 0 ? OrderStatistics.nearestRank(0.9, in: &waits) : 0,
            maxSeconds: maxWait,
            maxQueueLength: maxQueue)
        let types = stream.types.enumerated().map { k, t in
            TypeFigures(name: t.name, priority: t.priority,
                        response: ResponseSummary(values: typeResponses[k], withinTarget: typeWithin[k]),
                        meanWaitSeconds: typeResponses[k].isEmpty ? 0 : typeWait[k] / Double(typeResponses[k].count))
        }
        var unitFigures: [UnitFigures] = []
        var totalCross = 0
        var totalDispatches = 0
        for u in 0..<unitCount {
            totalCross += crossBeat[u]
            totalDispatches += dispatches[u]
            unitFigures.append(UnitFigures(
                id: settings.units[u].id, dispatches: dispatches[u], busySeconds: busySeconds[u],
                utilization: busySeconds[u] / counted,
                meanTravelSeconds: dispatches[u] > 0 ? travelSum[u] / Double(dispatches[u]) : 0,
                crossBeatDispatches: crossBeat[u]))
        }
        var zoneResidents = [Double](repeating: 0, count: zoneCount)
        for a in area.atoms { if let z = a.zone { zoneResidents[z] += a.residents } }
        let zones = (0..<zoneCount).map { z in
            ZoneFigures(name: area.zoneNames[z], residents: zoneResidents[z], incidents: zoneResponses[z].count,
                        incidentsPer10kResidents: zoneResidents[z] > 0
                            ? Double(zoneResponses[z].count) * 10_000 / zoneResidents[z] : nil,
                        response: ResponseSummary(values: zoneResponses[z], withinTarget: zoneWithin[z]))
        }
        for a in 0..<A where atomCount[a] > 0 {
            atomResponse[a] /= Double(atomCount[a])
            atomTravel[a] /= Double(atomCount[a])
        }
        return DispatchResult(
            incidents: m, countedSeconds: counted,
            response: ResponseSummary(values: responses, withinTarget: within),
            meanTravelSeconds: m > 0 ? travelTotal / Double(m) : 0,
            wait: wait, types: types, units: unitFigures,
            meanUtilization: unitFigures.map(\.utilization).reduce(0, +) / Double(unitCount),
            crossBeatFraction: totalDispatches > 0 ? Double(totalCross) / Double(totalDispatches) : 0,
            zones: zones, atomIncidents: atomCount, atomMeanResponseSeconds: atomResponse,
            atomMeanTravelSeconds: atomTravel,
            outcomes: settings.recordOutcomes
                ? IncidentOutcomes(unit: unitOf, dispatchSeconds: dispatchAt, onSceneSeconds: onSceneAt,
                                   clearSeconds: clearAt)
                : nil)
    }
}
