import Foundation
import GeoCore
import Testing
@testable import Simulation

@Suite struct IncidentGeneratorTests {
    let area = StudyArea(atoms: [
        DemandAtom(id: "a", residents: 1_000), DemandAtom(id: "b", residents: 3_000),
        DemandAtom(id: "c", residents: 0, hotSpotWeight: 2_000), DemandAtom(id: "d", residents: 500, hotSpotWeight: 500),
        DemandAtom(id: "school", residents: 0),
    ])

    func flatType(_ name: String = "call", share: Double = 1, priority: Int = 1, weights: [Double]? = nil) -> IncidentType {
        IncidentType(name: name, priority: priority, share: share, onScene: .exponential(meanSeconds: 600),
                     targetSeconds: 600, atomWeights: weights)
    }

    @Test func countIsPoissonAndGapsAreExponential() throws {
        let s = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
            incidentsPerDay: 500, days: 200, types: [flatType()], seed: 1))
        let expected = 500.0 * 200
        #expect(abs(Double(s.count) - expected) < 5 * expected.squareRoot())
        var gaps = [Double]()
        for i in 1..<s.count { gaps.append(s.timeSeconds[i] - s.timeSeconds[i - 1]) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let sd = (gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)).squareRoot()
        #expect(abs(mean / (86_400.0 / 500) - 1) < 0.02)
        #expect(abs(sd / mean - 1) < 0.02)  // coefficient of variation 1
        #expect(s.timeSeconds.allSatisfy { $0 >= 0 && $0 < 200 * 86_400 })
        #expect(zip(s.timeSeconds, s.timeSeconds.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(s.horizonSeconds == 200 * 86_400)
    }

    @Test func hourOfWeekCountsFollowTheProfile() throws {
        let profile = DemandProfile.typicalUrbanPolice
        let s = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
            incidentsPerDay: 1_000, days: 70, profile: profile, types: [flatType()], seed: 2))
        var counts = [Double](repeating: 0, count: 168)
        for t in s.timeSeconds { counts[Int(t / 3600) % 168] += 1 }
        // Expected count per hour of week, computed from the profile directly: 10 weeks.
        let hm = profile.hourly.reduce(0, +) / 24, dm = profile.weekday.reduce(0, +) / 7
        var chi2 = 0.0
        var chi2Flat = 0.0
        for b in 0..<168 {
            let e = 1_000.0 / 24 * profile.hourly[b % 24] / hm * profile.weekday[b / 24] / dm * 10
            chi2 += pow(counts[b] - e, 2) / e
            let flat = 1_000.0 / 24 * 10
            chi2Flat += pow(counts[b] - flat, 2) / flat
        }
        // 168 d.f.: mean 168, sd ≈ 18.3; allow 5 sd. A flat process would be far off.
        #expect(chi2 < 168 + 5 * 18.3, "χ² = \(chi2)")
        #expect(chi2Flat > 1_000)  // ≈ 8,500: the test can tell a flat process apart
    }

    @Test func atomsAndTypesFollowTheirWeights() throws {
        let school = [0.0, 0, 0, 0, 1]
        let types = [flatType("alarm", share: 0.1, weights: school), flatType("call", share: 0.9, priority: 2)]
        let s = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
            incidentsPerDay: 2_000, days: 50, types: types, residentWeight: 2, seed: 3))
        var perAtom = [Double](repeating: 0, count: 5)
        var perType = [Double](repeating: 0, count: 2)
        for i in 0..<s.count {
            perType[Int(s.type[i])] += 1
            if s.type[i] == 1 { perAtom[Int(s.atom[i])] += 1 } else { #expect(s.atom[i] == 4) }
        }
        let n = Double(s.count)
        #expect(abs(perType[0] / n - 0.1) < 5 * (0.09 / n).squareRoot())
        // Weights: residents × 2 + hot spot = 2000, 6000, 2000, 1500, 0.
        let w = [2_000.0, 6_000, 2_000, 1_500, 0]
        var chi2 = 0.0
        for a in 0..<4 {
            let e = perType[1] * w[a] / w.reduce(0, +)
            chi2 += pow(perAtom[a] - e, 2) / e
        }
        #expect(perAtom[4] == 0)
        #expect(chi2 < 21.1)  // 3 d.f., 99.99 %
    }

    @Test func sameSeedSameStreamDifferentSeedDifferentStream() throws {
        let settings = IncidentGeneratorSettings(incidentsPerDay: 300, days: 10, profile: .typicalUrbanPolice, seed: 7)
        let a = try IncidentGenerator.generate(area: area, settings: settings)
        let b = try IncidentGenerator.generate(area: area, settings: settings)
        #expect(a == b)
        var other = settings
        other.seed = 8
        #expect(try IncidentGenerator.generate(area: area, settings: other) != a)
    }

    @Test func badSettingsAreRejected() {
        func kind(_ s: IncidentGeneratorSettings, area: StudyArea? = nil) -> FailureKind? {
            do { _ = try IncidentGenerator.generate(area: area ?? self.area, settings: s); return nil }
            catch let e as CovplanError { return e.kind } catch { return nil }
        }
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: -1, days: 1)) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: .nan, days: 1)) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 0)) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1, types: [])) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1, types: [
            IncidentType(name: "x", priority: 1, share: 1, onScene: .exponential(meanSeconds: -5), targetSeconds: 60)])) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1, types: [
            IncidentType(name: "x", priority: 0, share: 1, onScene: .constant(seconds: 5), targetSeconds: 60)])) == .usage)
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1, profile: DemandProfile(hourly: [1, 2]))) == .usage)
        let empty = StudyArea(atoms: [DemandAtom(id: "x", residents: 0)])
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1), area: empty) == .dataError)
        let negative = StudyArea(atoms: [DemandAtom(id: "neg", residents: -4)])
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 10, days: 1), area: negative) == .dataError)
        // Zero rate is allowed and gives no incidents.
        #expect(kind(IncidentGeneratorSettings(incidentsPerDay: 0, days: 1)) == nil)
    }

    @Test func suppliedIncidentsAreValidatedAndSorted() throws {
        let types = IncidentType.defaultMix()
        let records = [
            IncidentRecord(id: "late", timeSeconds: 500, atom: 1, type: 1, onSceneSeconds: 60),
            IncidentRecord(id: "early", timeSeconds: 100, atom: 0, type: 2),
            IncidentRecord(id: "tie-1", timeSeconds: 300, atom: 2, type: 0, onSceneSeconds: 10),
            IncidentRecord(id: "tie-2", timeSeconds: 300, atom: 3, type: 0, onSceneSeconds: 20),
        ]
        let s = try IncidentStream(records: records, types: types, atomCount: 5, seed: 1, source: "calls.gpkg")
        #expect(s.ids == ["early", "tie-1", "tie-2", "late"])
        #expect(s.timeSeconds == [100, 300, 300, 500])
        #expect(s.onSceneSeconds[1] == 10 && s.onSceneSeconds[2] == 20 && s.onSceneSeconds[3] == 60)
        #expect(s.onSceneSeconds[0] > 0)           // drawn from the traffic type's distribution
        #expect(s.horizonSeconds == 500)
        try s.validate(atomCount: 5)

        func error(_ r: IncidentRecord) -> CovplanError? {
            do { _ = try IncidentStream(records: [r], types: types, atomCount: 5, source: "calls.gpkg"); return nil }
            catch let e as CovplanError { return e } catch { return nil }
        }
        let missing = error(IncidentRecord(id: "no-time-7", timeSeconds: nil, atom: 1))
        #expect(missing?.kind == .dataError)
        #expect(missing?.description == "calls.gpkg: feature no-time-7: incident has no time")
        #expect(error(IncidentRecord(id: "x", timeSeconds: -1, atom: 1))?.kind == .dataError)
        #expect(error(IncidentRecord(id: "x", timeSeconds: .nan, atom: 1))?.kind == .dataError)
        #expect(error(IncidentRecord(id: "x", timeSeconds: 1, atom: nil))?.kind == .dataError)
        #expect(error(IncidentRecord(id: "x", timeSeconds: 1, atom: 9))?.kind == .dataError)
        #expect(error(IncidentRecord(id: "x", timeSeconds: 1, atom: 1, type: 7))?.kind == .dataError)
        #expect(error(IncidentRecord(id: "x", timeSeconds: 1, atom: 1, onSceneSeconds: -3))?.kind == .dataError)
    }
}
