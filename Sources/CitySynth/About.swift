// Module CitySynth.
//
// Owns: synthetic k×k mosaics of a real city for benchmarks at scale (streets, buildings, cameras
// moved tile by tile).
//
// Must not: read or write files (the CLI does), or stand in for real data in a test that is about
// real data.
