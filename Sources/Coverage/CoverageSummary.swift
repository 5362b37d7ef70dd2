/// The headline numbers of a coverage run, with the key names of `summary.json`.
///
/// All lengths are planar metres along street centre lines in the working CRS. Encode with
/// `JSONEncoder` and `.sortedKeys` for byte-identical output (the dictionaries are keyed by road
/// class and district id).
public struct CoverageSummary: Codable, Sendable, Equatable {
    /// Length and covered length of a group of streets.
    public struct LengthPair: Codable, Sendable, Equatable {
        public var lengthMeters: Double
        public var coveredMeters: Double
        public var coveredFraction: Double
        /// District name (districts only).
        public var name: String?

        public init(lengthMeters: Double, coveredMeters: Double, name: String? = nil) {
            self.lengthMeters = lengthMeters
            self.coveredMeters = coveredMeters
            self.coveredFraction = lengthMeters > 0 ? coveredMeters / lengthMeters : 0
            self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case lengthMeters = "length_m", coveredMeters = "covered_m", coveredFraction = "covered_fraction", name
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

    enum CodingKeys: String, CodingKey {
        case streetLengthMeters = "street_length_m", coveredLengthMeters = "covered_length_m",
             coveredFraction = "covered_fraction", byClass = "by_class", byDistrict = "by_district",
             outsideDistrictsMeters = "outside_districts_m", multiplicityMeters = "multiplicity_m",
             gapsCount = "gaps_count", gapsLengthMeters = "gaps_length_m", minGapMeters = "min_gap_m",
             topGaps = "top_gaps", cameras, camerasSkipped = "cameras_skipped",
             camerasHeadingUnknown = "cameras_heading_unknown", camerasSnapped = "cameras_snapped",
             camerasInsideBuilding = "cameras_inside_building", occlusion, schools
    }
}
