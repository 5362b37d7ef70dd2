// Module PlanServer.
//
// Owns: the interactive planning server behind `covplan serve`: an in-memory plan session over a
// loaded city (cameras and posts edited one at a time, coverage and reach recomputed
// incrementally, street blocks moved between precincts), its JSON API under /api/, the map page
// and its vendored Leaflet, request validation, size and rate limits, refusal reasons worded in the
// language served (keys `serve.err.*` of the Reports catalogues).
//
// Must not: read input files other than through CityIngest / Scenario, write outputs other than
// through Reports, word a page text or a 4xx reason outside the catalogues, or hold analysis logic
// (it calls Coverage, StreetGraph and Staffing).
import Hummingbird
