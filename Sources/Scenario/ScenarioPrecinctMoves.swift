import CityModel
import GeoCore
import Staffing

/// The scenario's `precincts.moves`: street blocks moved between precincts after the precincts
/// are read or generated (what `covplan serve` exports after block moves), applied in order by
/// `PrecinctMoves`, so the load equals the served one exactly.
enum ScenarioPrecinctMoves {
    /// The moves as written: each `{at: [x, y], to: ID}` with `at` in the working CRS, metres.
    /// Throws `.dataError` naming the key and the item for a point that is not two finite numbers
    /// or more than `PrecinctMoves.maxMoves` items.
    static func moves(_ doc: ScenarioDocument) throws -> [(BlockMove, SourceLocation)] {
        guard let list = doc.root.at("precincts.moves") else { return [] }
        let items = list.items
        guard items.count <= PrecinctMoves.maxMoves else {
            throw SchemaValidator.error(list.location, "precincts.moves: more than \(PrecinctMoves.maxMoves) moves")
        }
        return try items.enumerated().map { i, item in
            let xy = item["at"]?.items.compactMap(\.number) ?? []
            guard xy.count == 2, (item["at"]?.items.count ?? 0) == 2, xy.allSatisfy(\.isFinite), let to = item["to"]?.text else {
                throw SchemaValidator.error(item.location, "precincts.moves[\(i)].at must be [x, y] in the working CRS, metres")
            }
            return (BlockMove(at: Point(xy[0], xy[1]), to: to), item.location)
        }
    }

    /// `set` and `load` after the scenario's moves, with the move state (nil without moves).
    /// Errors name `precincts.moves[i]` and the bad precinct id or point.
    static func apply(_ doc: ScenarioDocument, city: City, set: PrecinctSet, load: PrecinctLoadResult,
                      population: PopulationInput) throws -> (PrecinctSet, PrecinctLoadResult, PrecinctMoves?) {
        let moves = try moves(doc)
        guard !moves.isEmpty else { return (set, load, nil) }
        var state = try PrecinctMoves(load: load, streets: city.streets)
        for (i, (move, at)) in moves.enumerated() {
            do {
                try state.apply(move, city: city, population: population)
            } catch let e as BlockMoveError {
                let what = e == .noBlock ? "\(e.message) [\(move.at.x), \(move.at.y)]" : e.message
                throw SchemaValidator.error(at, "precincts.moves[\(i)]: \(what)")
            } catch let e as CovplanError where e.kind == .dataError {
                throw SchemaValidator.error(at, "precincts.moves[\(i)]: \(e.problem)")
            }
        }
        var moved = set
        moved.precincts = state.load.precincts
        return (moved, state.load, state)
    }
}
