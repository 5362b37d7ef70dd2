import Budget
import GeoCore
import Testing

@Suite struct KnapsackTests {
    /// Brute force over every subset (the independent reference).
    func brute(_ w: [Int], _ v: [Double], _ cap: Int) -> Double {
        var best = 0.0
        for mask in 0..<(1 << w.count) {
            var tw = 0, tv = 0.0
            for i in w.indices where mask & (1 << i) != 0 { tw += w[i]; tv += v[i] }
            if tw <= cap { best = max(best, tv) }
        }
        return best
    }

    @Test func dynamicProgrammeEqualsBruteForce() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let n = Int(rng.next() % 12) + 1
            let w = (0..<n).map { _ in Int(rng.next() % 40) }
            let v = (0..<n).map { _ in Double(rng.next() % 900) }
            let cap = Int(rng.next() % 120)
            let s = BudgetKnapsack.solve(weights: w, values: v, capacity: cap)
            #expect(s.value == brute(w, v, cap))
            #expect(s.weight <= cap)
            #expect(s.weight == s.chosen.reduce(0) { $0 + w[$1] })
            // Greedy never beats the exact selection.
            let g = BudgetKnapsack.greedy(weights: w.map(Double.init), values: v, capacity: Double(cap))
            #expect(g.reduce(0) { $0 + v[$1] } <= s.value)
        }
    }

    /// The classic case where greedy by value per tenge is not optimal: budget 10, items
    /// (cost 6, 700 pupils), (5, 500), (5, 500). Greedy takes the 6 (116.7/unit) and stops at
    /// 700; the exact answer is the two 5s, 1,000 pupils.
    @Test func greedyIsNotExactButTheDPIs() throws {
        let objects = (0..<4).map { i in
            ConnectionObject(id: "o\(i)", kind: i == 0 ? "control_centre" : "school", connected: i == 0,
                             pupils: [0, 700, 500, 500][i])
        }
        var costs = CostTable.seed
        costs.connectionFixedTenge = 0
        costs.connectionTengePerMeter = 1_000_000  // 1 M ₸ a metre: routes of 6, 5, 5 m cost 6, 5, 5 M ₸
        let plan = try ConnectionPlan.build(objects: objects, routes: [nil, (6, 0), (5, 0), (5, 0)], costs: costs,
                                            budgetTenge: 10_000_000, objective: .pupils)
        #expect(plan.selectedValue == 1000)
        #expect(plan.greedyValue == 700)
        #expect(plan.links.filter(\.selected).map(\.object) == [2, 3])
        #expect(plan.selectedCapexTenge == 10_000_000)
        // Objects as the objective: still two.
        let byCount = try ConnectionPlan.build(objects: objects, routes: [nil, (6, 0), (5, 0), (5, 0)], costs: costs,
                                               budgetTenge: 10_000_000, objective: .objects)
        #expect(byCount.selectedValue == 2)
        // Without a budget every reachable object is connected.
        let all = try ConnectionPlan.build(objects: objects, routes: [nil, (6, 0), nil, (5, 0)], costs: costs,
                                           budgetTenge: nil, objective: .pupils)
        #expect(all.links.map(\.selected) == [true, false, true])
        #expect(all.selectedValue == 1200)
    }

    /// Rounding costs up to the money unit never overspends the real budget.
    @Test func selectionNeverExceedsTheBudget() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<30 {
            let n = 40
            let objects = [ConnectionObject(id: "hub", kind: "control_centre", connected: true)]
                + (0..<n).map { ConnectionObject(id: "s\($0)", kind: "school", connected: false, pupils: Double(rng.next() % 1500)) }
            let routes: [(meters: Double, nearest: Int)?] = [nil] + (0..<n).map { _ in (Double(rng.next() % 3000) + 0.37, 0) }
            let budget = Double(rng.next() % 200_000_000)
            let plan = try ConnectionPlan.build(objects: objects, routes: routes, costs: .seed, budgetTenge: budget, objective: .pupils)
            #expect(plan.selectedCapexTenge <= budget)
            #expect(plan.selectedValue >= (plan.greedyValue ?? 0) - 1e-9)
        }
    }

    @Test func negativeBudgetIsAUsageError() {
        #expect(throws: CovplanError.self) {
            try ConnectionPlan.build(objects: [], routes: [], costs: .seed, budgetTenge: -1, objective: .pupils)
        }
    }
}
