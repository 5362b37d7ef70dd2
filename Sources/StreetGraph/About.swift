// Module StreetGraph.
//
// Owns: the routable street graph (noding, compressed adjacency, Hilbert-ordered ids), snapping,
// shortest paths (and multi-source times that follow one-source edits), reach, isochrones, beats,
// response coverage, nearest units, speed tables, street-route lengths for laying cable to
// connection points; a graph from stored arrays (a prepared city's, RoadGraphStored), which the
// builder returns for exactly the streets it was stored for.
//
// Must not: read files (speed-table files are read by CityIngest) or know about cameras and
// precincts.
