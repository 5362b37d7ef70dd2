// Module Coverage.
//
// Owns: camera view sectors and defaults, exact occluded visibility (angular sweep over building
// edges), street coverage intervals, gaps and their ranking, coverage per district and school, and
// the per-camera interval cache an interactive session reuses across runs (`CameraPassCache`).
//
// Must not: read files (camera layers and defaults files come through CityIngest) or import GDAL.
