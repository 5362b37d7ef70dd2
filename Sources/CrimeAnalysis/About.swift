// Module CrimeAnalysis.
//
// Owns: crime analysis on plain values — hot spots (quartic kernel density, Getis–Ord Gi* with
// binary distance-band or k-nearest weights, Benjamini–Hochberg false-discovery-rate correction)
// on a regular grid or on street segments, crime counts and rates per precinct by period (year or month) and their
// change, and camera impact by the weighted displacement quotient (Bowers & Johnson 2003).
//
// Must not: read files (incidents, cameras and precincts come through CityIngest), import GDAL or
// PROJ, or keep a population model of its own (residents come in as numbers from CityModel's
// ResidentsModel / PopulationSurface through the caller).
