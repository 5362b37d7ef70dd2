/// The headline numbers of a coverage run, with the key names of `summary.json`.
///
/// All lengths are planar metres along street centre lines in the working CRS. Encode with
/// `JSONEncoder` and `.sortedKeys` for byte-identical output (the dictionaries are keyed by road
/// class and district id).
public struct CoverageSummary: Codable, Sendable, Equatable {
    /// Street metres seen at or above each DORI level (a point seen at identify level counts for
    /// all four).
    public struct LevelMeters: Codable, Sendable, Equatable {
        public var detect: Double
        public var observe: Double
        public var recognize: Double
        public var identify: Double

        public init(detect: Double = 0, observe: Double = 0, recognize: Double = 0, identify: Double = 0) {
            self.detect = detect
            self.observe = observe
            self.recognize = recognize
            self.identify = identify
        }

        public subscript(level: DoriLevel) -> Double {
            get {
                switch level {
                case .detect: detect
                case .observe: observe
                case .recognize: recognize
                case .identify: identify
                }
            }
            set {
                switch level {
                case .detect: detect = newValue
                case .observe: observe = newValue
                case .recognize: recognize = newValue
                case .identify: identify = newValue
                }
            }
        }
    }

    /// The covered length (at `coveredLevel`) under both assumptions for cameras without a
    /// heading: `low` aims each at the nearest street (as `MissingHeadingPolicy.nearestStreet`),
    /// `high` counts each all round (an upper bound).
    public struct HeadingRange: Codable, Sendable, Equatable {
        public var lowMeters: Double
        public var highMeters: Double
        public var lowFraction: Double
        public var highFraction: Double

        public init(lowMeters: Double, highMeters: Double, streetLengthMeters: Double) {
            self.lowMeters = lowMeters
            self.highMeters = highMeters
            self.lowFraction = streetLengthMeters > 0 ? lowMeters / streetLengthMeters : 0
            self.highFraction = streetLengthMeters > 0 ? highMeters / streetLengthMeters : 0
        }

        enum CodingKeys: String, CodingKey {
            case lowMeters = "low_m", highMeters = "high_m", lowFraction = "low_fraction", highFraction = "high_fraction"
        }
    }

    /// Length and covered length of a group of streets.
    public struct LengthPair: Codable, Sendable, Equatable {
        public var lengthMeters: Double
        public var coveredMeters: Double
        public var coveredFraction: Double
        /// District name (districts only).
        public var name: String?
        /// Metres at each DORI level by day (nil when levels were not computed).
        public var byLevel: LevelMeters?

        public init(lengthMeters: Double, coveredMeters: Double, name: String? = nil) {
            self.lengthMeters = lengthMeters
            self.coveredMeters = coveredMeters
            self.coveredFraction = lengthMeters > 0 ? coveredMeters / lengthMeters : 0
            self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case lengthMeters = "length_m", coveredMeters = "covered_m", coveredFraction = "covered_fraction", name,
                 byLevel = "by_level"
        }
    }

    /// Street metres seen by exactly 0, 1, 2 and 3 or more distinct cameras.
    public struct Multiplicity: Codable, Sendable, Equatable {
        public var zero: Double
        public var one: Double
        public var two: Double
        public var threeOrMore: Double

        public init(zero: Double = 0, one: Double = 0, two: Double = 0, threeOrMore: Double = 0) {
            self.zero = zero
            self.one = one
            self.two = two
            self.threeOrMore = threeOrMore
        }

        enum CodingKeys: String, CodingKey {
            case zero = "0", one = "1", two = "2", threeOrMore = "3+"
        }
    }

    /// A gap in the ranked list.
    public struct GapEntry: Codable, Sendable, Equatable {
        public var rank: Int
        public var streetId: String
        public var streetName: String?
        public var roadClass: String
        public var district: String?
        public var lengthMeters: Double
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case rank, streetId = "street_id", streetName = "street_name", roadClass = "road_class", district,
                 lengthMeters = "length_m", score
        }
    }

    /// Facility counts.
    public struct Facilities: Codable, Sendable, Equatable {
        public var count: Int
        public var seen: Int
        public var notSeen: Int
        /// Mean covered fraction of the surroundings.
        public var meanCoveredFraction: Double

        enum CodingKeys: String, CodingKey {
            case count, seen, notSeen = "not_seen", meanCoveredFraction = "mean_covered_fraction"
        }
    }

    public var streetLengthMeters: Double
    public var coveredLengthMeters: Double
    public var coveredFraction: Double
    public var byClass: [String: LengthPair]
    /// Nil when no districts were given.
    public var byDistrict: [String: LengthPair]?
    /// Street length outside every district (nil when no districts were given).
    public var outsideDistrictsMeters: Double?
    public var multiplicityMeters: Multiplicity
    public var gapsCount: Int
    public var gapsLengthMeters: Double
    public var minGapMeters: Double
    /// The best-ranked gaps (at most `CoverageOptions.summaryGapCount`).
    public var topGaps: [GapEntry]
    /// Cameras used.
    public var cameras: Int
    /// Camera records not used (listed in `CoverageResult.skippedCameras`).
    public var camerasSkipped: Int
    /// Cameras without a heading, handled by the missing-heading policy.
    public var camerasHeadingUnknown: Int
    /// Cameras moved out of the footprint they were mapped in.
    public var camerasSnapped: Int
    /// Cameras deep inside a footprint (they see only that building's inside with occlusion).
    public var camerasInsideBuilding: Int
    public var occlusion: Bool
    /// Schools (nil when none were given).
    public var schools: Facilities?
    /// The DORI level that "covered" means in this summary (`covered_*`, gaps, multiplicity,
    /// schools); nil when coverage is the plan range regardless of pixel density.
    public var coveredLevel: DoriLevel?
    /// Street metres at or above each DORI level by day (nil when levels were not computed).
    public var byLevel: LevelMeters?
    /// The same by night: cameras limited to their infrared range (cameras without IR keep their
    /// day range, i.e. lit streets assumed).
    public var byLevelNight: LevelMeters?
    /// Night street metres at `coveredLevel` (nil when levels were not computed).
    public var nightCoveredMeters: Double?
    /// `nightCoveredMeters / streetLengthMeters`.
    public var nightCoveredFraction: Double?
    /// The heading assumption for cameras without a heading (`all_round`, `nearest_street`);
    /// nil when every camera has a heading or is all-round.
    public var headingAssumption: String?
    /// Covered length under both heading assumptions (nil when every camera has a heading or
    /// is all-round).
    public var headingRange: HeadingRange?

    enum CodingKeys: String, CodingKey {
        case streetLengthMeters = "street_length_m", coveredLengthMeters = "covered_length_m",
             coveredFraction = "covered_fraction", byClass = "by_class", byDistrict = "by_district",
             outsideDistrictsMeters = "outside_districts_m", multiplicityMeters = "multiplicity_m",
             gapsCount = "gaps_count", gapsLengthMeters = "gaps_length_m", minGapMeters = "min_gap_m",
             topGaps = "top_gaps", cameras, camerasSkipped = "cameras_skipped",
             camerasHeadingUnknown = "cameras_heading_unknown", camerasSnapped = "cameras_snapped",
             camerasInsideBuilding = "cameras_inside_building", occlusion, schools, coveredLevel = "covered_level",
             byLevel = "by_level", byLevelNight = "by_level_night", nightCoveredMeters = "night_covered_m",
             nightCoveredFraction = "night_covered_fraction", headingAssumption = "heading_assumption",
             headingRange = "heading_range"
    }
}
