import CityModel
import GeoCore

/// One street block moved to another precinct: the block is the one containing `at` (working
/// CRS, metres) among the blocks of the precincts as given (before any move), `to` the id of
/// the precinct it joins.
public struct BlockMove: Sendable, Equatable {
    public var at: Point
    public var to: String
    public init(at: Point, to: String) {
        self.at = at
        self.to = to
    }
}

/// Why a block move was refused (the load is left as it was).
public enum BlockMoveError: Error, Sendable, Equatable {
    /// No street block of the precincts contains the point.
    case noBlock
    /// No precinct has this id.
    case unknownPrecinct(String)
    /// The block already belongs to this precinct.
    case alreadyIn(String)

    public var message: String {
        switch self {
        case .noBlock: "no street block inside a precinct at this point"
        case .unknownPrecinct(let id): "no precinct with id '\(id)'"
        case .alreadyIn(let id): "the block already belongs to precinct '\(id)'"
        }
    }
}

/// A precinct load with street blocks moved between precincts, one move at a time: the street
/// blocks of the precincts as first given (`StreetBlocks`), the precinct each block belongs to
/// after the moves so far, and the load after them (each move recounts only the two precincts it
/// changes: `PrecinctEdit.move` then `PrecinctEdit.reload`).
///
/// The same sequence of moves on the same starting load gives the same load exactly, whether
/// applied by an interactive session one request at a time or by a scenario's `precincts.moves`.
/// Cost: building the blocks is one GEOS union + polygonize; each move one GEOS difference and
/// union and the recount of two precincts.
public struct PrecinctMoves: Sendable {
    /// Block polygons, working CRS.
    public let polygons: [Polygon]
    let index: PolygonIndex
    /// Current precinct index (into `load.precincts`) of each block.
    public private(set) var owner: [Int32]
    /// The load after the moves so far.
    public private(set) var load: PrecinctLoadResult
    /// The moves applied so far, in order.
    public private(set) var moves: [BlockMove] = []

    /// Most moves one load carries (a scenario's `precincts.moves` and an interactive session).
    public static let maxMoves = 5_000

    /// The blocks of `load.precincts` (built from `streets`), no move yet. `load` must come from
    /// a load analysis without incidents. Throws as `StreetBlocks.build`.
    public init(load: PrecinctLoadResult, streets: [Street]) throws {
        let b = try StreetBlocks.build(streets: streets, precincts: load.precincts)
        polygons = b.polygons
        index = PolygonIndex(b.polygons.map { [$0] })
        owner = b.precinct
        self.load = load
    }

    /// Moves the block containing `move.at` to the precinct `move.to`. Returns the block's index
    /// and the id of the precinct it left. All or nothing.
    /// - Throws: `BlockMoveError` for a point outside every block, an unknown precinct or a block
    ///   already in it; `CovplanError` as `PrecinctEdit.move`/`reload` (a precinct left without
    ///   area, a GEOS failure); `.dataError` past `maxMoves`.
    @discardableResult
    public mutating func apply(_ move: BlockMove, city: City, population: PopulationInput) throws -> (block: Int, from: String) {
        guard moves.count < Self.maxMoves else {
            throw CovplanError(.dataError, "more than \(Self.maxMoves) block moves")
        }
        guard move.at.isFinite, let k = index.locate(move.at) else { throw BlockMoveError.noBlock }
        guard let to = load.precincts.firstIndex(where: { $0.id == move.to }) else {
            throw BlockMoveError.unknownPrecinct(move.to)
        }
        let from = Int(owner[k])
        guard from != to else { throw BlockMoveError.alreadyIn(move.to) }
        let (f, t) = try PrecinctEdit.move(block: polygons[k], from: load.precincts[from], to: load.precincts[to])
        let next = try PrecinctEdit.reload(load, city: city, changed: [from, to], precincts: [f, t], population: population)
        let fromId = load.precincts[from].id
        owner[k] = Int32(to)
        load = next
        moves.append(move)
        return (k, fromId)
    }
}
