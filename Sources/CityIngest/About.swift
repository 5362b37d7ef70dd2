// Module CityIngest.
//
// Owns: every input file covplan reads: the city loader (OSM PBF/XML and any GDAL source,
// tag/field mapping, reprojection, validation and repair policy), the working-CRS choice and its
// distortion check, precincts, staff tables, census zones, population rasters, districts,
// posts/units, calls, hot spots, covered stretches, camera-defaults/cost/speed tables, scenarios'
// text (InputFile), and a run folder's layers.gpkg read back for compare's before/after maps
// (RunFolderLayers).
//
// Must not: run an analysis or write an output; analyses never import it.
