// swift-tools-version: 6.0
// covplan — GIS coverage planner and simulation toolkit for public-safety planners.
//
// Module map (dependencies point one way; each module's About.swift says what it owns and
// what it must not do; Tests/ArchitectureTests enforce the imports):
//   CGDAL/CGEOS/CPROJ/CSQLite  system-library shims, imported only by the three bridges
//   GeoCore            pure-Swift geometry values, planar math, R-tree, WKB, parallel helpers, errors
//   *Bridge            the only code that touches C handles
//   CityModel          the city as values (streets, buildings, cameras, precincts, population model)
//   StreetGraph, Coverage, Placement, PlacementModels, Staffing, Simulation, CitySynth, CrimeAnalysis, Budget
//                      analyses on plain values: no file reading, no GDAL
//   CityIngest         every input file read (city loader, precincts, population, tables, ...)
//   Scenario           scenario documents and command plans, the ingest step (every input read first), the runner
//   Reports            every output (GeoJSON, GeoPackage, CSV, HTML/Markdown, notebooks)
//   PlanServer         `covplan serve`: edit a plan on a map through a JSON API (Hummingbird)
//   covplan            the CLI: thin adapters over the library
import Foundation
import PackageDescription

/// For covplan's own debug builds (`make build`, `make test` set COVPLAN_OPTIMIZE_DEBUG=1) the
/// numeric hot paths are optimised: the test suite runs them on real data, and a debug-built
/// visibility sweep or MCLP solve is 20–50× slower (`-enable-testing`, added by SwiftPM in
/// debug, keeps `@testable import` working). A package that depends on covplan by version never
/// sets the variable, so the manifest it sees has no unsafe flags and SwiftPM accepts it.
let optimizedInDebug: [SwiftSetting] = ProcessInfo.processInfo.environment["COVPLAN_OPTIMIZE_DEBUG"] == "1"
    ? [.unsafeFlags(["-O"], .when(configuration: .debug))] : []

let package = Package(
    name: "covplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "covplan", targets: ["covplan"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "CityModel", targets: ["CityModel"]),
        .library(name: "CityIngest", targets: ["CityIngest"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "StreetGraph", targets: ["StreetGraph"]),
        .library(name: "Staffing", targets: ["Staffing"]),
        .library(name: "Placement", targets: ["Placement"]),
        .library(name: "PlacementModels", targets: ["PlacementModels"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "CrimeAnalysis", targets: ["CrimeAnalysis"]),
        .library(name: "Budget", targets: ["Budget"]),
        // For the fuzz package in fuzz/ (reads scenario text without a file).
        .library(name: "Scenario", targets: ["Scenario"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Only PlanServer (and the CLI through it) depends on Hummingbird.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: pure Swift core
        .target(name: "GeoCore"),

        // MARK: bridges (the only importers of the C shims)
        .target(name: "PROJBridge", dependencies: ["CPROJ", "GeoCore"]),
        .target(name: "GEOSBridge", dependencies: ["CGEOS", "GeoCore"]),
        .target(name: "GDALBridge", dependencies: ["CGDAL", "CSQLite", "GeoCore"]),

        // MARK: domain and analyses
        // City values only (streets, buildings, facilities, cameras, precincts, population
        // models): no file is read here; GEOS for polygon validity and overlaps.
        .target(name: "CityModel", dependencies: ["GeoCore", "GEOSBridge"]),


        .target(name: "StreetGraph", dependencies: ["GeoCore", "CityModel", "GEOSBridge"], swiftSettings: optimizedInDebug),
        .target(name: "Placement", dependencies: ["GeoCore"], swiftSettings: optimizedInDebug),
        // Money as values: cost table, net present cost, exact budget selection of connections,
        // the request table. GeoCore only; quantities arrive as numbers from the analyses.
        .target(name: "Budget", dependencies: ["GeoCore"], swiftSettings: optimizedInDebug),

        .target(name: "CitySynth", dependencies: ["GeoCore", "CityModel"]),
        .target(name: "Coverage", dependencies: ["GeoCore", "CityModel"], swiftSettings: optimizedInDebug),

        // Placement instances from a city: camera poses with exact occluded street coverage
        // (Coverage) and posts / SOS terminals with travel-time coverage (StreetGraph), solved by
        // Placement. Placement itself stays GeoCore-only; this module is where they meet.
        .target(name: "PlacementModels", dependencies: ["GeoCore", "CityModel", "Coverage", "StreetGraph", "Placement"], swiftSettings: optimizedInDebug),

        // Precinct load and rebalancing. Imports GEOSBridge's Swift API (never CGEOS) for the
        // robust polygon work it needs once per run: polygonize street blocks, union plans, Voronoi.
        .target(name: "Staffing", dependencies: ["GeoCore", "CityModel", "GEOSBridge"], swiftSettings: optimizedInDebug),
        .target(name: "Scenario", dependencies: ["GeoCore", "CityModel", "CityIngest", "Coverage", "StreetGraph", "Staffing", "Simulation", "CrimeAnalysis", "Budget",
                                                 "Placement", "PlacementModels", "Yams"]),

        // Crime analysis: hot spots (kernel density, Gi*, FDR), crime rates by period, camera
        // impact (weighted displacement quotient). Plain values in, plain values out.
        .target(name: "CrimeAnalysis", dependencies: ["GeoCore", "CityModel"], swiftSettings: optimizedInDebug),

        // Simulation: incidents, dispatch DES, hypercube queueing, camera–vehicle (Korgau) core.
        // Inputs are abstract (atoms, travel-time providers); StreetGraph plugs in via adapters.
        .target(name: "Simulation", dependencies: ["GeoCore", "CityModel", "StreetGraph"], swiftSettings: optimizedInDebug),

        // Every input file read: the city loader, precincts, staff, population sources, working
        // CRS, districts, units, calls, hot spots, tables. Above the analyses (it builds their
        // input values); no analysis imports it.
        .target(name: "CityIngest", dependencies: ["GeoCore", "CityModel", "PROJBridge", "GEOSBridge", "GDALBridge",
                                                   "Coverage", "StreetGraph", "Staffing", "Simulation", "PlacementModels", "CrimeAnalysis", "Budget"]),

        // Timing of the Simulation module on a synthetic city (release build; not a test).
        .executableTarget(name: "simbench", dependencies: ["Simulation", "GeoCore"], path: "bench/simbench"),

        // MARK: outputs
        .target(name: "Reports", dependencies: ["GeoCore", "CityModel", "CityIngest", "Coverage", "StreetGraph", "Staffing", "Simulation", "Scenario", "CrimeAnalysis", "Budget",
                                                "Placement", "PlacementModels", "PROJBridge", "GDALBridge"]),

        // MARK: interactive server
        // `covplan serve`: an in-memory plan session edited through a JSON API and a map page
        // (vendored Leaflet, no network). The only module that imports Hummingbird.
        .target(name: "PlanServer", dependencies: [
            "GeoCore", "CityModel", "CityIngest", "Coverage", "StreetGraph", "Staffing", "Scenario", "Reports", "PROJBridge",
            .product(name: "Hummingbird", package: "hummingbird"),
        ], exclude: ["Web"]),

        // MARK: CLI
        .executableTarget(
            name: "covplan",
            dependencies: [
                "GeoCore", "CityModel", "CityIngest", "CitySynth", "Coverage", "Scenario", "StreetGraph", "Staffing", "Simulation", "Reports",
                "Placement", "PlacementModels", "CrimeAnalysis", "Budget", "PlanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: benchmarks (not tests; run with `swift run -c release StreetGraphBench K MODE`)
        .executableTarget(name: "StreetGraphBench", dependencies: ["StreetGraph", "CityModel", "CityIngest", "GeoCore"],
                          path: "bench/StreetGraphBench"),
        // MARK: benchmarks (not shipped): times the Placement solvers on synthetic or exported instances
        .executableTarget(name: "placement-bench", dependencies: ["Placement", "GeoCore"], path: "bench/placement-bench"),

        // MARK: tests (mirror the source modules)
        .target(name: "TestSupport", dependencies: ["GeoCore"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: [
            "GeoCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "BridgeTests", dependencies: [
            "GeoCore", "PROJBridge", "GEOSBridge", "GDALBridge", "TestSupport",
        ]),
        .testTarget(name: "CityModelTests", dependencies: [
            "CityIngest", "Budget", "Coverage", "StreetGraph",
            "CityModel", "GeoCore", "GDALBridge", "GEOSBridge", "PROJBridge", "TestSupport",
        ]),
        .testTarget(name: "CitySynthTests", dependencies: [
            "CityIngest",
            "CitySynth", "CityModel", "GeoCore", "TestSupport",
        ]),
        .testTarget(name: "ScenarioTests", dependencies: [
            "CityIngest", "CityModel", "Scenario", "GeoCore", "PlacementModels", "Simulation", "StreetGraph", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: [
            "CityIngest",
            "Reports", "CityModel", "GeoCore", "GDALBridge", "TestSupport", "Simulation", "StreetGraph",
        ]),
        .testTarget(name: "CoverageTests", dependencies: [
            "CityIngest",
            "Coverage", "CityModel", "GeoCore", "GEOSBridge", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "StreetGraphTests", dependencies: [
            "CityIngest",
            "StreetGraph", "CityModel", "GeoCore", "GEOSBridge", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "PopulationTests", dependencies: [
            "CityIngest",
            "CityModel", "GeoCore", "GDALBridge", "GEOSBridge", "PROJBridge", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "StaffingTests", dependencies: [
            "CityIngest",
            "Staffing", "Reports", "CityModel", "GeoCore", "GDALBridge", "GEOSBridge", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "PlacementTests", dependencies: [
            "Placement", "GeoCore", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "PlacementModelsTests", dependencies: [
            "CityIngest",
            "PlacementModels", "Placement", "Coverage", "StreetGraph", "CityModel", "GeoCore", "GEOSBridge", "TestSupport",
        ]),
        .testTarget(name: "SimulationTests", dependencies: [
            "CityIngest",
            "Simulation", "GeoCore", "CityModel", "StreetGraph", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CrimeAnalysisTests", dependencies: [
            "CrimeAnalysis", "CityIngest", "CityModel", "GeoCore", "TestSupport",
        ]),
        .testTarget(name: "BudgetTests", dependencies: ["Budget", "GeoCore", "TestSupport"]),
        .testTarget(name: "ArchitectureTests", dependencies: ["TestSupport"]),
        .testTarget(name: "PlanServerTests", dependencies: [
            "PlanServer", "Scenario", "CityIngest", "CityModel", "GeoCore", "PROJBridge", "TestSupport", "Staffing", "StreetGraph", "PlacementModels", "GEOSBridge",
        ]),
        .testTarget(name: "CLITests", dependencies: [
            "CityIngest",
            "covplan", "TestSupport", "GDALBridge", "GEOSBridge", "PROJBridge", "GeoCore", "Reports",
        ]),
    ]
)
