import Coverage
import Scenario
import Staffing
import StreetGraph

/// The figures of the side panel and `GET /api/summary`: coverage by DORI level, gaps, schools,
/// reach, precinct load and cost. A pure function of the analysis results, so the served
/// figures and those of `ScenarioRunner.run` on the exported scenario are comparable exactly.
///
/// Lengths in metres, shares in 0…1, costs in tenge; JSON keys are snake_case.
public struct PlanFigures: Codable, Equatable, Sendable {
    public struct Levels: Codable, Equatable, Sendable {
        public var detect: Double
        public var observe: Double
        public var recognize: Double
        public var identify: Double
    }

    public struct CoverageFigures: Codable, Equatable, Sendable {
        /// The level a street metre must be seen at to count as covered (nil: any).
        public var coveredLevel: String?
        /// How cameras without a mapped heading were treated (`all_round`, `nearest_street`).
        public var headingAssumption: String?
        public var streetLengthM: Double
        public var coveredLengthM: Double
        public var coveredFraction: Double
        /// Covered metres at each level by day (nil when levels were not computed).
        public var byLevelM: Levels?
        public var byLevelFraction: Levels?
        public var byLevelNightM: Levels?
        public var gapsCount: Int
        public var gapsLengthM: Double
        public var schools: Int?
        public var schoolsSeen: Int?
        public var cameras: Int
        public var camerasSkipped: Int
    }

    public struct Threshold: Codable, Equatable, Sendable {
        public var minutes: Double
        public var residents: Double
        public var residentsFraction: Double
        public var streetFraction: Double
        public var schools: Int
    }

    public struct ReachFigures: Codable, Equatable, Sendable {
        public var posts: Int
        public var unsnapped: Int
        public var residentsTotal: Double
        public var thresholds: [Threshold]
    }

    public struct PrecinctLoadFigures: Codable, Equatable, Sendable {
        public var precincts: Int
        public var norm: Double
        public var overNorm: Int
        public var deficit: Int
        public var maxResidentsPerInspector: Double?
    }

    public struct CostFigures: Codable, Equatable, Sendable {
        /// Sum of the unit costs of the cameras' types (types without a cost count 0).
        public var camerasTenge: Double
        /// Cameras whose type has no unit cost.
        public var camerasWithoutCost: Int
        /// Posts × the scenario's post unit cost (nil when it states none).
        public var postsTenge: Double?
        public var totalTenge: Double
    }

    public var coverage: CoverageFigures
    public var reach: ReachFigures?
    public var load: PrecinctLoadFigures?
    public var cost: CostFigures

    /// The figures of one state of the plan.
    /// - Parameters:
    ///   - unitCostsTenge: unit cost by resolved camera type.
    ///   - postUnitCostTenge: cost of one post, when known.
    public init(coverage c: CoverageResult, reach: ReachResults?, posts: Int, load: PrecinctLoadResult?,
                unitCostsTenge: [String: Double], postUnitCostTenge: Double?) {
        let s = c.summary
        func levels(_ l: CoverageSummary.LevelMeters?, over total: Double = 1) -> Levels? {
            l.map { Levels(detect: $0.detect / total, observe: $0.observe / total, recognize: $0.recognize / total,
                           identify: $0.identify / total) }
        }
        coverage = CoverageFigures(
            coveredLevel: s.coveredLevel?.rawValue, headingAssumption: s.headingAssumption,
            streetLengthM: s.streetLengthMeters, coveredLengthM: s.coveredLengthMeters, coveredFraction: s.coveredFraction,
            byLevelM: levels(s.byLevel),
            byLevelFraction: s.streetLengthMeters > 0 ? levels(s.byLevel, over: s.streetLengthMeters) : nil,
            byLevelNightM: levels(s.byLevelNight), gapsCount: s.gapsCount, gapsLengthM: s.gapsLengthMeters,
            schools: s.schools?.count, schoolsSeen: s.schools?.seen, cameras: s.cameras, camerasSkipped: s.camerasSkipped)
        if let r = reach?.outcome.summary {
            self.reach = ReachFigures(
                posts: r.sources, unsnapped: r.unsnapped, residentsTotal: r.residentsTotal,
                thresholds: r.thresholds.map {
                    Threshold(minutes: $0.minutes, residents: $0.residents,
                              residentsFraction: r.residentsTotal > 0 ? $0.residents / r.residentsTotal : 0,
                              streetFraction: $0.streetFraction, schools: $0.schools)
                })
        } else {
            self.reach = posts == 0 ? nil : ReachFigures(posts: posts, unsnapped: posts, residentsTotal: 0, thresholds: [])
        }
        self.load = load.map {
            PrecinctLoadFigures(precincts: $0.summary.precincts, norm: $0.norm, overNorm: $0.summary.overNorm,
                        deficit: $0.summary.deficit, maxResidentsPerInspector: $0.summary.maxResidentsPerInspector)
        }
        var camerasTenge = 0.0, without = 0
        for cam in c.cameras {
            if let u = unitCostsTenge[cam.type] { camerasTenge += u } else { without += 1 }
        }
        let postsTenge = postUnitCostTenge.map { $0 * Double(posts) }
        cost = CostFigures(camerasTenge: camerasTenge, camerasWithoutCost: without, postsTenge: postsTenge,
                           totalTenge: camerasTenge + (postsTenge ?? 0))
    }
}
