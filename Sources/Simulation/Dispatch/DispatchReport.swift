extension DispatchEngine {
    /// Summary figures over the counted incidents (called after `simulate`). O(n + U + A + zones).
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
