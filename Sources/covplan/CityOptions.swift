import ArgumentParser
import CityModel
import GeoCore

/// Flags shared by every command that loads a city.
struct CityOptions: ParsableArguments {
    @Argument(help: "The city: an OSM PBF/XML extract, a GIS dataset with layers named streets, buildings, schools, police, cameras, or a prepared city (.covplan, from `covplan prepare`).")
    var source: String

    @Option(name: .customLong("crs"), help: "Working CRS, a projected CRS in metres (e.g. EPSG:32643). Default: the UTM zone of the data. Refused when it distorts lengths by more than 0.5 % over the data (e.g. EPSG:3857) unless --allow-distortion.")
    var workingCRS: String?

    @Flag(name: .customLong("allow-distortion"), help: "Accept a --crs whose length scale error over the data exceeds 0.5 % (lengths, areas and coverage figures are then off by that much).")
    var allowDistortion = false

    @Option(name: .customLong("source-crs"), help: "CRS of sources that state none (e.g. EPSG:4326 for a CSV of lon/lat); a source that states a CRS keeps it unless --force-source-crs.")
    var sourceCRS: String?

    @Flag(name: .customLong("force-source-crs"), help: "--source-crs replaces the CRS every source states (for a source whose stated CRS is wrong).")
    var forceSourceCRS = false

    @Flag(name: .customLong("make-valid"), help: "Repair invalid polygons with GEOS make-valid (each repair is reported).")
    var makeValid = false

    @Flag(name: .customLong("skip-invalid"), help: "Skip invalid features (each is reported with id and reason) instead of failing.")
    var skipInvalid = false

    @Flag(name: .customLong("strict"), help: "Stop at the first invalid feature of any layer. Default: invalid streets, buildings, schools and police stations (data you did not author) are repaired or skipped and reported; cameras, precincts and districts are always strict.")
    var strict = false

    @Option(name: .customLong("city-checksum"), help: "The SHA-256 the city's source must have (as `covplan prepare` prints it; 8 or more leading hex digits): a prepared city made from another file, or changed data, is refused.")
    var cityChecksum: String?

    @Option(name: .customLong("streets"), help: "Take streets from this source instead of the city source.")
    var streets: String?
    @Option(name: .customLong("buildings"), help: "Take buildings from this source.")
    var buildings: String?
    @Option(name: .customLong("schools"), help: "Take schools from this source.")
    var schools: String?
    @Option(name: .customLong("police"), help: "Take police stations / precinct offices from this source.")
    var police: String?
    @Option(name: .customLong("cameras-from"), help: "Take cameras from this source.")
    var camerasFrom: String?

    @Option(name: .customLong("source-layer"), parsing: .singleValue,
            help: ArgumentHelp("Layer to read for a kind: KIND=LAYER (e.g. streets=roads).", valueName: "kind=layer"))
    var layerNames: [String] = []

    @Option(name: .customLong("where"), parsing: .singleValue,
            help: ArgumentHelp("Attribute filter for a kind: KIND=SQL (e.g. \"streets=fclass <> 'footway'\").", valueName: "kind=sql"))
    var filters: [String] = []

    @Option(name: .customLong("field"), parsing: .singleValue,
            help: ArgumentHelp("Field mapping: KIND.NAME=FIELD (e.g. streets.highway=fclass, cameras.heading_deg=azimuth).", valueName: "kind.name=field"))
    var fieldMappings: [String] = []

    /// The loader options these flags describe, restricted to `kinds`.
    func readOptions(kinds: Set<CityLayerKind> = Set(CityLayerKind.allCases)) throws -> CityReadOptions {
        if forceSourceCRS, sourceCRS == nil {
            throw CovplanError(.usage, "--force-source-crs needs --source-crs EPSG:NNNN")
        }
        var layers: [CityLayerKind: LayerSource] = [:]
        let explicitPaths: [(CityLayerKind, String?)] = [
            (.streets, streets), (.buildings, buildings), (.schools, schools), (.police, police), (.cameras, camerasFrom),
        ]
        for (kind, path) in explicitPaths { if let path { layers[kind] = LayerSource(path: path) } }
        func kindValue(_ text: String, flag: String) throws -> (CityLayerKind, String) {
            guard let eq = text.firstIndex(of: "=") else {
                throw CovplanError(.usage, "--\(flag) '\(text)': expected KIND=VALUE")
            }
            let k = String(text[..<eq])
            guard let kind = CityLayerKind(rawValue: k) else {
                throw CovplanError(.usage, "--\(flag) '\(text)': unknown kind '\(k)' (kinds: \(CityLayerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return (kind, String(text[text.index(after: eq)...]))
        }
        func spec(_ kind: CityLayerKind) -> LayerSource { layers[kind] ?? LayerSource(path: source) }
        for t in layerNames {
            let (kind, v) = try kindValue(t, flag: "source-layer")
            var s = spec(kind); s.layer = v; layers[kind] = s
        }
        for t in filters {
            let (kind, v) = try kindValue(t, flag: "where")
            var s = spec(kind); s.filter = v; layers[kind] = s
        }
        for t in fieldMappings {
            let (key, field) = try kindValue(t.replacingFirst(".", with: "="), flag: "field")
            let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CovplanError(.usage, "--field '\(t)': expected KIND.NAME=FIELD")
            }
            var s = spec(key); s.fields[parts[0]] = parts[1]; layers[key] = s
        }
        return CityReadOptions(primary: source, layers: layers, kinds: kinds, workingCRS: workingCRS,
                           sourceCRS: sourceCRS, makeValid: makeValid, skipInvalid: skipInvalid, strict: strict,
                           forceSourceCRS: forceSourceCRS, allowDistortion: allowDistortion, cityChecksum: cityChecksum)
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}

/// Flags every command has.
struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: "Print nothing but errors on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Print the duration of each phase to stderr.")
    var timings = false
}
