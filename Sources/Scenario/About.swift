// Module Scenario.
//
// Owns: the scenario document (YAML with locations, extends, schema and its generated SCHEMA.md)
// and the runner that reads every input through CityIngest, then runs the analyses in dependency
// order; `EditableScenario`, the runner's coverage and reach for an edited inventory and posts.
//
// Must not: write outputs (Reports does) or open files other than through CityIngest.
