// Module GEOSBridge.
//
// Owns: the GEOS C handles (reentrant _r API, one context per engine): validity, make-valid,
// union, buffer, polygonize, Voronoi; typed GEOSError.
//
// Must not: let a GEOS pointer out of the module, or run in a hot per-segment loop (flat Swift
// arrays do that).
