// Module PlacementModels.
//
// Owns: placement instances from a city: camera poses with exact occluded street coverage, posts
// and SOS terminals with travel-time coverage, cost tables, demand weights; entry points
// CameraPlacement and PostPlacement.
//
// Must not: read files (cost tables come through CityIngest) or write outputs.
