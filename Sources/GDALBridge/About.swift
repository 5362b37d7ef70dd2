// Module GDALBridge.
//
// Owns: the GDAL/OGR and SQLite C handles: opening datasets, reading vector layers and rasters
// (and GeoPackage tables directly through SQLite), writing layers; GDAL's error handler; typed
// GDALError.
//
// Must not: let a GDAL/SQLite pointer out of the module, or interpret what a layer means
// (CityIngest maps layers to city values).
