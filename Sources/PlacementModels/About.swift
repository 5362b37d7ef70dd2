// Module PlacementModels.
//
// Owns: placement instances from a city: camera poses with exact occluded street coverage, posts
// and SOS terminals with travel-time coverage, cost tables, demand weights; the traffic network
// of plate readers (TrafficNetwork), directed reading (DirectedReadingRule), ANPR targets and
// placement (TrafficTargets, TrafficPlacement) and junction completeness; entry points
// CameraPlacement, PostPlacement, TrafficPlacement and JunctionCompleteness.
//
// Must not: read files (cost tables come through CityIngest) or write outputs.
