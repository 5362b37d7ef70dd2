import CityModel
import Reports

/// The last step of every command's `summary.json` (file and `--json` alike): the city's
/// `ingest` member (features repaired or skipped on load), then the benchmark hook.
func finishSummary(_ city: City) -> (JSONValue) -> JSONValue {
    { BenchHook.apply(IngestSummary.appended(to: $0, city.ingest)) }
}
