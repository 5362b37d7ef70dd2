// Module CityIngest.
//
// Owns: every input file covplan reads: the city loader (OSM PBF/XML and any GDAL source,
// tag/field mapping, reprojection, validation and repair policy, buildings read for residents
// alone as their figures: BuildingFiguresRead), the working-CRS choice and its
// distortion check, precincts, staff tables, census zones, population rasters, districts,
// posts/units, calls, hot spots, covered stretches, camera-defaults/cost/speed tables, scenarios'
// text (InputFile), and prepared cities (Prepared/: `covplan prepare` caches, their format,
// checksums and the checks that refuse stale, foreign or corrupt ones, and the obstacle index and
// default street graphs they store and register as `PrebuiltValues`, with the builder versions
// that make a stored one stale (PreparedDerivedVersions); docs/prepared-city.md), and a run folder's
// layers.gpkg read back for compare's before/after maps (RunFolderLayers).
//
// Must not: run an analysis (it only builds the structures a prepared city stores) or write an output (a prepared city is encoded here, written by
// Reports' AtomicOutput); analyses never import it.
