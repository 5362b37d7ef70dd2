// Module Scenario.
//
// Owns: the scenario document (YAML with locations, extends, schema and its generated SCHEMA.md)
// and the plans commands build from their flags (Plan/: the same document, command-line locations);
// the ingest step `ScenarioInputs.read` (Ingest/: every file a scenario names besides the city,
// read through CityIngest, and the stand-in precincts); the runner that then runs the analyses
// in dependency order on those values; `EditableScenario`, the runner's coverage and reach for an
// edited inventory and posts.
//
// Must not: write outputs (Reports does); read anything outside Ingest/ (the runner and the
// editable plan take `ScenarioInputs`; Tests/ArchitectureTests check the imports).
