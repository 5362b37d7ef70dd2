import Foundation
import PlanServer
import Testing
import TestSupport

/// The files embedded in the binary are those of Sources/PlanServer/Web (run `make web-assets`
/// after editing them), Leaflet comes with its licence, and the page loads nothing from elsewhere.
@Suite struct WebAssetsTests {
    static let web = Fixtures.repoRoot + "/Sources/PlanServer/Web/"

    @Test("embedded files equal Sources/PlanServer/Web", arguments: [
        "index.html", "app.js", "app.css", "leaflet/leaflet.min.js", "leaflet/leaflet.css", "leaflet/LICENSE",
        "leaflet/images/layers.png",
    ])
    func embedded(path: String) throws {
        let assets = try WebAssets()
        let disk = try #require(FileManager.default.contents(atPath: Self.web + path))
        #expect(assets.bytes(path) == Array(disk), "\(path) differs: run make web-assets")
    }

    @Test("Leaflet's licence is vendored; the page names no outside origin")
    func noOutsideOrigin() throws {
        let licence = try String(contentsOfFile: Self.web + "leaflet/LICENSE", encoding: .utf8)
        #expect(licence.contains("Vladimir Agafonkin") && licence.contains("Redistribution and use in source and binary forms"))
        for page in ["index.html", "app.js", "app.css"] {
            let text = try String(contentsOfFile: Self.web + page, encoding: .utf8)
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"), "\(page) names an outside origin")
        }
    }
}
