// Module GeoCore.
//
// Owns: pure-Swift geometry values (points, lines, rings, polygons, envelopes), planar math, the
// packed R-tree, WKB and GeoPackage-binary decoding, UTM zones, space-filling orders, radix sort,
// deterministic parallel helpers (ParallelChunks), heaps, the seeded RNG, input limits,
// CovplanError, and PrebuiltValues (values derived from an array, built ahead of time and found by
// the array's storage: a prepared city's obstacle index and graphs).
//
// Must not: import any other module or C library, read or write files, or know what a city is.
