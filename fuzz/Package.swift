// swift-tools-version: 6.0
// libFuzzer targets for covplan's hostile-input parsers. Not part of the main package, so the
// normal `swift build` / `swift build --build-tests` never see them. Build and run: `make fuzz`
// (from the repository root), which does
//   swift build --package-path fuzz --scratch-path .build-fuzz -c debug \
//       -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
// Each target is a `LLVMFuzzerTestOneInput`; seeds are in fuzz/corpus/<target>/.
// `@testable import` reaches the internal parsers: SwiftPM builds debug with -enable-testing.
import PackageDescription

let package = Package(
    name: "covplan-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "covplan", path: "..")],
    targets: [
        // `<target>_main` for each executable: starts libFuzzer's driver (see FuzzMain.c).
        .target(name: "FuzzMain"),
        // WKB and GeoPackage-binary geometry decoders (GeoCore).
        .executableTarget(name: "fuzz-geometry", dependencies: ["FuzzMain",
            .product(name: "GeoCore", package: "covplan"),
        ]),
        // Scenario text → YAML nodes (bounded reader) → schema validation.
        .executableTarget(name: "fuzz-scenario", dependencies: ["FuzzMain",
            .product(name: "Scenario", package: "covplan"),
            .product(name: "GeoCore", package: "covplan"),
        ]),
        // Camera layer fields (heading / fov / range / min range / type / other_tags text) →
        // CameraRecord → CameraResolver (defaults and validation).
        .executableTarget(name: "fuzz-camera", dependencies: ["FuzzMain",
            .product(name: "CityIngest", package: "covplan"),
            .product(name: "CityModel", package: "covplan"),
            .product(name: "Coverage", package: "covplan"),
            .product(name: "GeoCore", package: "covplan"),
        ]),
        // Prepared-city bytes (.covplan) → header, TOC, metadata, columns → City.
        .executableTarget(name: "fuzz-prepared", dependencies: ["FuzzMain",
            .product(name: "CityIngest", package: "covplan"),
            .product(name: "CityModel", package: "covplan"),
            .product(name: "GeoCore", package: "covplan"),
        ]),
    ]
)
