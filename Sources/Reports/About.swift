// Module Reports.
//
// Owns: every output: RFC 7946 GeoJSON, GeoPackage/FlatGeobuf through GDAL, CSV, summary.json and
// its schema, HTML and Markdown reports, compare, notebooks, QGIS styles, atomic output that never
// destroys data (also of prepared cities: PreparedCityOutput writes the bytes CityIngest encodes).
//
// Must not: compute analysis figures (it formats what the analyses computed) or read inputs other
// than through CityIngest.
