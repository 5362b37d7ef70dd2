// Module CityModel.
//
// Owns: the city as plain values in one metric working CRS: City, Street, Building, Facility,
// CameraRecord, Precinct/PrecinctSet, ResidentsModel (the only population model), BuildingFigures
// (what that model needs of each building, for a city read for residents alone), population
// surfaces, census zones, OSM tag parsing, the load options and the ingest report.
//
// Must not: read a file, import GDAL or PROJ, or run an analysis.
