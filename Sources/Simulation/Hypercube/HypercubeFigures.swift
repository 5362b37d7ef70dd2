/// Performance measures shared by the exact and approximate models.
enum HypercubeFigures {
    static func result(problem: HypercubeProblem, method: HypercubeResult.Method, workloads: [Double],
                       dispatchFractions f: [Double], queueProbability: Double, meanQueueWaitSeconds: Double,
                       stateProbabilities: [Double]?, iterations: Int, lastChange: Double) -> HypercubeResult {
        let N = problem.unitCount, J = problem.atomCount
        var inter = 0.0
        var unitTotal = [Double](repeating: 0, count: N)
        var unitOut = [Double](repeating: 0, count: N)
        for n in 0..<N {
            for j in 0..<J {
                let v = f[n * J + j]
                unitTotal[n] += v
                if problem.primary(j) != n { unitOut[n] += v; inter += v }
            }
        }
        var meanTravel: Double?
        var atomTravel: [Double]?
        var meanResponse: Double?
        if let t = problem.travelSeconds {
            var perAtom = [Double](repeating: 0, count: J)
            var overall = 0.0
            for j in 0..<J {
                var sum = 0.0, weight = 0.0
                for n in 0..<N {
                    sum += f[n * J + j] * t[n * J + j]
                    weight += f[n * J + j]
                }
                overall += sum
                perAtom[j] = weight > 0 ? sum / weight : 0
            }
            meanTravel = overall
            atomTravel = perAtom
            meanResponse = overall + meanQueueWaitSeconds
        }
        return HypercubeResult(
            method: method, workloads: workloads, dispatchFractions: f, queueProbability: queueProbability,
            meanQueueWaitSeconds: meanQueueWaitSeconds, interdistrictFraction: inter,
            unitInterdistrictFraction: (0..<N).map { unitTotal[$0] > 0 ? unitOut[$0] / unitTotal[$0] : 0 },
            meanTravelSeconds: meanTravel, atomMeanTravelSeconds: atomTravel, meanResponseSeconds: meanResponse,
            atomMeanResponseSeconds: atomTravel?.map { $0 + meanQueueWaitSeconds },
            stateProbabilities: stateProbabilities, iterations: iterations, lastChange: lastChange)
    }
}
