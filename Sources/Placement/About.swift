// Module Placement.
//
// Owns: covering and location problems on plain arrays (maximal coverage, budget, backup, partial
// set covering, p-median, p-center), their solvers and proven bounds, the cost clean-up of a plan
// (CheaperSwap), the coverage-instance JSON
// format (bytes only).
//
// Must not: know about cities, streets or files; it imports GeoCore only.
