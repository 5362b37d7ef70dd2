// Module Reports.
//
// Owns: every output: RFC 7946 GeoJSON, GeoPackage/FlatGeobuf/Shapefile/CSV-WKT through GDAL,
// PostgreSQL/PostGIS schemas (GIS/PostGISExport, `-o PG:...`), CSV, summary.json and its schema,
// HTML and Markdown reports, compare, notebooks, GIS layer styles (GIS/: one style per layer from
// its values, as QML and SLD in `layer_styles`), atomic output that never destroys data
// (also of prepared cities: PreparedCityOutput writes the bytes CityIngest encodes).
//
// Must not: compute analysis figures (it formats what the analyses computed) or read inputs other
// than through CityIngest.
