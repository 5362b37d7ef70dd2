import Foundation
import GDALBridge
import Testing
import TestSupport

/// A throw-away PostgreSQL + PostGIS server (tools/pg_scratch.sh: initdb into a temporary folder,
/// a free port on 127.0.0.1, database `covplan` with the postgis extension).
enum PGScratch {
    /// True when the Debian packages postgresql and postgresql-NN-postgis-3 are installed.
    static let available: Bool = {
        let fm = FileManager.default
        guard let versions = try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql") else { return false }
        return versions.contains { v in
            fm.isExecutableFile(atPath: "/usr/lib/postgresql/\(v)/bin/initdb")
                && fm.fileExists(atPath: "/usr/share/postgresql/\(v)/extension/postgis.control")
        }
    }()

    static var psql: String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let v = versions.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last ?? "15"
        return "/usr/lib/postgresql/\(v)/bin/psql"
    }

    /// Runs an executable through the shell's `system(3)` (which waits for exactly that child),
    /// with stdout and stderr captured in a file: a server the command leaves running keeps no
    /// pipe of ours open. Returns the exit status and the output.
    @discardableResult
    static func sh(_ exe: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let log = Fixtures.tempDir("pgsh") + "/out.txt"
        func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let line = ([exe] + args).map(quote).joined(separator: " ") + " </dev/null >" + quote(log) + " 2>&1"
        let raw = system(line)
        let status = raw == -1 ? -1 : Int32((raw >> 8) & 0xff)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (status, text)
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// `covplan run -o PG:...` against a real PostgreSQL + PostGIS server the test starts and stops:
/// the layers read back with GDAL's own tools have the GeoPackage's feature counts, a rerun
/// without --overwrite is refused (73), with --overwrite leaves no duplicate rows or styles, and
/// the written precincts read back as an input.
@Suite(.serialized) struct PostGISCLITests {
    static let plan = Fixtures.repoRoot + "/scenarios/helsinki-plan.yaml"

    @Test(.enabled(if: PGScratch.available,
                   "SKIPPED: PostgreSQL/PostGIS binaries are not installed (apt-get install postgresql postgresql-15-postgis-3); `make deps` installs them"))
    func runWritesTheSchemaIdempotently() throws {
        let dir = Fixtures.tempDir("pg")
        let server = dir + "/server"
        let started = try PGScratch.sh(Fixtures.repoRoot + "/tools/pg_scratch.sh", ["start", server])
        defer { _ = try? PGScratch.sh(Fixtures.repoRoot + "/tools/pg_scratch.sh", ["stop", server]) }
        try #require(started.status == 0, "server did not start: \(started.out)")
        let pg = started.out.split(separator: "\n").last.map(String.init) ?? ""
        let port = try String(contentsOfFile: server + "/port", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        func sql(_ q: String) throws -> String {
            let r = try PGScratch.sh(PGScratch.psql, ["-h", "127.0.0.1", "-p", port, "-U", "covplan", "-d", "covplan", "-tA", "-c", q])
            #expect(r.status == 0, "\(q): \(r.out)")
            return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // The reference: the same run as a folder.
        let folder = dir + "/run"
        let ref = try CLI.run(["run", Self.plan, "-o", folder, "--quiet"])
        try #require(ref.status == 0, "\(ref.stderr)")
        let gpkg = try VectorSource(path: folder + "/layers.gpkg")
        let names = gpkg.layerNames.filter { $0 != "layer_styles" }
        let counts = try Dictionary(uniqueKeysWithValues: names.map { ($0, try gpkg.info(layer: $0).featureCount) })
        #expect(names.count >= 15)

        let first = try CLI.run(["run", Self.plan, "-o", pg, "--quiet"])
        try #require(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["run", Self.plan, "-o", pg, "--quiet"])
        #expect(again.status == 73)
        #expect(again.stderr.contains("already has layer"), "\(again.stderr)")
        let rerun = try CLI.run(["run", Self.plan, "-o", pg, "--overwrite", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")

        // Read back with ogr2ogr (GDAL's tool, not covplan's writer) into a GeoPackage; the
        // GDAL library reading PostGIS directly when ogr2ogr is not installed.
        let back: VectorSource
        if let ogr2ogr = PGScratch.which("ogr2ogr") {
            let r = try PGScratch.sh(ogr2ogr, ["-f", "GPKG", dir + "/back.gpkg", pg + " schemas=helsinki_plan"])
            try #require(r.status == 0, "ogr2ogr: \(r.out)")
            back = try VectorSource(path: dir + "/back.gpkg")
        } else {
            back = try VectorSource(path: pg + " schemas=helsinki_plan")
        }
        #expect(Set(back.layerNames.map { $0.split(separator: ".").last.map(String.init) ?? $0 }).isSuperset(of: names))
        for name in names {
            #expect(try back.info(layer: name).featureCount == counts[name], "\(name)")
        }
        // No duplicates after the rerun: each layer once in the schema, one style row per layer.
        #expect(try sql("SELECT count(*) FROM helsinki_plan.coverage") == String(counts["coverage"]!))
        #expect(try sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'helsinki_plan'") == String(names.count))
        #expect(try sql("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'helsinki_plan'") == String(names.count))
        #expect(try sql("SELECT count(DISTINCT f_table_name) FROM public.layer_styles WHERE f_table_schema = 'helsinki_plan' AND useasdefault AND stylesld IS NOT NULL") == String(names.count))
        #expect(try sql("SELECT Find_SRID('helsinki_plan', 'coverage', 'geom')") == "32635")

        // The precincts written there read back as an input, with the same residents as from the GeoPackage.
        let fromPG = try CLI.run(["load", Fixtures.helsinkiPBF, "--precincts", pg, "--precincts-layer", "helsinki_plan.precincts",
                                  "-o", dir + "/load-pg", "--quiet"])
        #expect(fromPG.status == 0, "\(fromPG.stderr)")
        let fromFile = try CLI.run(["load", Fixtures.helsinkiPBF, "--precincts", folder + "/layers.gpkg", "--precincts-layer", "precincts",
                                    "-o", dir + "/load-gpkg", "--quiet"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let a = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/load-pg/summary.json"))) as! [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/load-gpkg/summary.json"))) as! [String: Any]
        #expect((a["total_residents"] as? Double) == (b["total_residents"] as? Double))
        #expect((a["total_residents"] as? Double ?? 0) > 0)
    }

    @Test(.enabled(if: PGScratch.available, "SKIPPED: PostgreSQL/PostGIS binaries are not installed"))
    func unreachableDatabaseIsACannotCreateError() throws {
        let r = try CLI.run(["run", Self.plan, "-o", "PG:dbname=none host=127.0.0.1 port=1 user=covplan password=secret", "--quiet"])
        #expect(r.status == 73)
        #expect(r.stderr.contains("cannot open the database"))
        #expect(!r.stderr.contains("secret"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
