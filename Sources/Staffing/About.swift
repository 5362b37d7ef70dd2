// Module Staffing.
//
// Owns: precinct load against the norm of residents per inspector, street blocks, rebalancing,
// Voronoi stand-in precincts, per-precinct street km, the relief factor and staff of
// round-the-clock posts, moving a street block between precincts with only the two recounted, and a
// sequence of such moves (`PrecinctMoves`, shared by `covplan serve` and a scenario's `precincts.moves`).
//
// Must not: read files (precincts, staff and population sources come through CityIngest) or import
// GDAL.
