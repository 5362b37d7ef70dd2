// Module Coverage.
//
// Owns: camera view sectors and defaults, exact occluded visibility (angular sweep over building
// edges), street coverage intervals, gaps and their ranking, coverage per district and school,
// camera optics and DORI levels (by level, day and night), and the field-survey ranking of cameras
// without a heading (HeadingSurvey), and the per-camera interval cache an interactive session reuses across runs
// (`CameraPassCache`).
//
// Must not: read files (camera layers and defaults files come through CityIngest) or import GDAL.
