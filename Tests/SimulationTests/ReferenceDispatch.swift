import Simulation

/// A deliberately simple re-implementation of the dispatch rules documented on
/// `DispatchSimulator` — no heap, no version stamps, O(U) scans for the next event, plain
/// arrays for the queue — used to check the engine incident by incident.
struct ReferenceDispatch {
    struct Outcome: Equatable {
        var unit: Int
        var dispatch: Double
        var onScene: Double
        var clear: Double
    }

    enum Pending { case none, free, sceneEnd, homeArrival }

    static func run(stream: IncidentStream, travel: any TravelTimeProvider, units: [ResponseUnit],
                    preferences: [[Int]]?, after: AfterService, model: ServiceTimeModel,
                    warmup: Double) -> (outcomes: [Outcome], utilization: [Double]) {
        let U = units.count
        var available = [Bool](repeating: true, count: U)
        var pos = units.map(\.homeAtom)
        var pendingTime = [Double](repeating: .infinity, count: U)
        var pending = [Pending](repeating: .none, count: U)
        var busyFrom = [Double](repeating: 0, count: U)
        var busy = [Double](repeating: 0, count: U)
        var outcomes = [Outcome](repeating: Outcome(unit: -1, dispatch: 0, onScene: 0, clear: 0), count: stream.count)
        var waiting: [Int] = []
        let horizon = stream.horizonSeconds

        func setAvailable(_ u: Int, _ t: Double) {
            guard !available[u] else { return }
            available[u] = true
            let lo = max(busyFrom[u], warmup), hi = min(t, horizon)
            if hi > lo { busy[u] += hi - lo }
        }
        func dispatch(_ u: Int, _ i: Int, _ now: Double) {
            let a = Int(stream.atom[i])
            let tt = travel.seconds(from: pos[u], to: a)
            if available[u] { available[u] = false; busyFrom[u] = now }
            let arrive = now + tt
            switch model {
            case .onSceneIsTotalBusyTime:
                outcomes[i] = Outcome(unit: u, dispatch: now, onScene: arrive, clear: now + stream.onSceneSeconds[i])
                pos[u] = units[u].homeAtom
                pending[u] = .free
                pendingTime[u] = now + stream.onSceneSeconds[i]
            case .travelPlusOnScene:
                outcomes[i] = Outcome(unit: u, dispatch: now, onScene: arrive, clear: arrive + stream.onSceneSeconds[i])
                pos[u] = a
                pending[u] = .sceneEnd
                pendingTime[u] = arrive + stream.onSceneSeconds[i]
            }
        }
        func popWaiting() -> Int? {
            guard !waiting.isEmpty else { return nil }
            var best = 0
            for k in 1..<waiting.count {
                let pk = stream.types[Int(stream.type[waiting[k]])].priority
                let pb = stream.types[Int(stream.type[waiting[best]])].priority
                if pk < pb { best = k }
            }
            return waiting.remove(at: best)
        }
        func release(_ u: Int, _ t: Double) {
            if let i = popWaiting() { dispatch(u, i, t) } else { setAvailable(u, t) }
        }

        var next = 0
        while true {
            var eu = -1
            for u in 0..<U where pending[u] != .none && (eu < 0 || pendingTime[u] < pendingTime[eu]) { eu = u }
            let nextArrival = next < stream.count ? stream.timeSeconds[next] : .infinity
            if eu < 0 && next >= stream.count { break }
            if eu >= 0 && pendingTime[eu] <= nextArrival {
                let t = pendingTime[eu]
                let kind = pending[eu]
                pending[eu] = .none
                pendingTime[eu] = .infinity
                switch kind {
                case .free:
                    release(eu, t)
                case .sceneEnd:
                    if !waiting.isEmpty { release(eu, t); break }
                    let back = travel.seconds(from: pos[eu], to: units[eu].homeAtom)
                    switch after {
                    case .stayAtScene: setAvailable(eu, t)
                    case .returnHomeAvailable:
                        setAvailable(eu, t)
                        pending[eu] = .homeArrival; pendingTime[eu] = t + (pos[eu] == units[eu].homeAtom ? 0 : back)
                    case .returnHome:
                        pending[eu] = .homeArrival; pendingTime[eu] = t + (pos[eu] == units[eu].homeAtom ? 0 : back)
                    }
                case .homeArrival:
                    pos[eu] = units[eu].homeAtom
                    if !available[eu] { release(eu, t) }
                case .none:
                    break
                }
            } else {
                let i = next
                next += 1
                let t = stream.timeSeconds[i]
                let a = Int(stream.atom[i])
                var chosen = -1
                if let prefs = preferences { chosen = prefs[a].first { available[$0] } ?? -1 }
                if chosen < 0 {
                    var best = Double.infinity
                    for u in 0..<U where available[u] {
                        let tt = travel.seconds(from: pos[u], to: a)
                        if tt < best { best = tt; chosen = u }
                    }
                }
                if chosen >= 0 { dispatch(chosen, i, t) } else { waiting.append(i) }
            }
        }
        let counted = horizon - warmup
        return (outcomes, busy.map { $0 / counted })
    }
}
