// Module Staffing.
//
// Owns: precinct load against the norm of residents per inspector, street blocks, rebalancing,
// Voronoi stand-in precincts, per-precinct street km.
//
// Must not: read files (precincts, staff and population sources come through CityIngest) or import
// GDAL.
