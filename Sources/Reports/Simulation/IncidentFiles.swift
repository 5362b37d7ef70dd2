import Dispatch
import Foundation
import GeoCore
import PROJBridge
import Simulation

/// The attribute row of each simulated incident (`SimulationReport.incidentFields` order), with
/// the per-type, per-atom and per-unit values prepared once.
struct IncidentRows {
    let o: SimulationOutcome
    let out: IncidentOutcomes?
    let typeNames: [FieldValue], priorities: [FieldValue], targets: [Double]
    let atomIds: [FieldValue], atomZones: [FieldValue], units: [FieldValue]

    init(_ o: SimulationOutcome) {
        self.o = o
        out = o.dispatch.outcomes
        let s = o.incidents
        typeNames = s.types.map { .string($0.name) }
        priorities = s.types.map { .int(Int64($0.priority)) }
        targets = s.types.map(\.targetSeconds)
        let zones = o.study.area.zoneNames
        atomIds = o.study.area.atoms.map { .string($0.id) }
        atomZones = o.study.area.atoms.map { a in a.zone.map { .string(zones[$0]) } ?? .null }
        units = o.study.units.map { .string($0.id) }
    }

    var count: Int { out == nil ? 0 : o.incidents.count }

    func id(_ i: Int) -> String { o.incidents.label(i) }

    func values(_ i: Int) -> [FieldValue] {
        let s = o.incidents, out = out!
        let f = SimulationReport.f
        let t = s.timeSeconds[i], k = Int(s.type[i]), a = Int(s.atom[i]), u = Int(out.unit[i])
        let response = out.onSceneSeconds[i] - t
        return [
            .string(id(i)), f(t, 1e6), .int(Int64(t / 86_400)), .int(Int64(t.truncatingRemainder(dividingBy: 86_400) / 3600)),
            typeNames[k], priorities[k], atomIds[a], atomZones[a], u >= 0 ? units[u] : .null,
            f(out.dispatchSeconds[i] - t, 100), f(out.onSceneSeconds[i] - out.dispatchSeconds[i], 100), f(response, 100),
            f(s.onSceneSeconds[i], 1e6), .bool(response <= targets[k]), .bool(t >= o.warmupSeconds),
        ]
    }
}

/// Writers for the per-incident files (a year of a large city is ~500,000 rows): rows are
/// formatted in parallel blocks and written in order, giving the same bytes as `LayerExport`'s
/// GeoJSON writer and `CSVWriter` (checked by a test) several times faster.
enum IncidentFiles {
    static let rowsPerChunk = 8_192

    /// Formats rows `0..<count` with `line` in parallel chunks and hands each block to `emit` in order.
    static func blocks(count: Int, rowsPerChunk: Int, line: @Sendable @escaping (Int, inout String) -> Void,
                       emit: (String) throws -> Void) throws {
        let chunks = (count + rowsPerChunk - 1) / rowsPerChunk
        let perBlock = 16
        var c0 = 0
        while c0 < chunks {
            let c1 = min(chunks, c0 + perBlock)
            var texts = [String](repeating: "", count: c1 - c0)
            texts.withUnsafeMutableBufferPointer { tb in
                nonisolated(unsafe) let out = tb
                let base = c0
                DispatchQueue.concurrentPerform(iterations: c1 - c0) { k in
                    let lo = (base + k) * rowsPerChunk, hi = min(count, lo + rowsPerChunk)
                    var text = ""
                    text.reserveCapacity((hi - lo) * 320)
                    for i in lo..<hi { line(i, &text) }
                    out[k] = text
                }
            }
            for t in texts { try emit(t) }
            c0 = c1
        }
    }

    static func open(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw CovplanError(.cannotCreate, file: path, "cannot create file")
        }
        return h
    }

    static func write(_ h: FileHandle, _ text: String, path: String) throws {
        do { try h.write(contentsOf: Data(text.utf8)) } catch {
            throw CovplanError(.ioError, file: path, "write failed: \(error.localizedDescription)")
        }
    }

    /// `incidents.geojson` (RFC 7946, WGS 84) from locations in the working CRS `crs`.
    static func geojson(_ o: SimulationOutcome, crs: String, to path: String, rowsPerChunk: Int = rowsPerChunk) throws {
        let rows = IncidentRows(o)
        var points = Array(o.incidentLocations.prefix(rows.count))
        if crs != "EPSG:4326" {
            do { try CoordinateTransformer(from: crs, to: "EPSG:4326").transform(&points) } catch {
                throw CovplanError(.software, layer: "incidents", "cannot transform to WGS 84: \(error)")
            }
        }
        for (i, p) in points.enumerated() where !p.isFinite {
            throw CovplanError(.software, file: path, feature: rows.id(i), "non-finite coordinate in output geometry")
        }
        let names = SimulationReport.incidentFields.map { JSONText.string($0.name) + ":" }
        let wgs = points
        let h = try open(path)
        defer { try? h.close() }
        try write(h, "{\"type\":\"FeatureCollection\",\"name\":\"incidents\",\"features\":[\n", path: path)
        try blocks(count: rows.count, rowsPerChunk: rowsPerChunk, line: { i, text in
            if i > 0 { text += ",\n" }
            text += "{\"type\":\"Feature\",\"id\":"
            text += JSONText.string(rows.id(i))
            text += ",\"properties\":{"
            for (k, v) in rows.values(i).enumerated() {
                if k > 0 { text += "," }
                text += names[k]
                text += GeoJSONWriter.value(v)
            }
            text += "},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
            text += JSONText.coordinate(wgs[i].x)
            text += ","
            text += JSONText.coordinate(wgs[i].y)
            text += "]}}"
        }, emit: { try write(h, $0, path: path) })
        try write(h, "\n]}\n", path: path)
    }

    /// One CSV field (the shared `CSVWriter` rule).
    static func csvField(_ s: String) -> String { CSVWriter.field(s) }

    /// `incidents.csv`: the attributes, RFC 4180 as `CSVWriter` writes them.
    static func csv(_ o: SimulationOutcome, to path: String, rowsPerChunk: Int = rowsPerChunk) throws {
        let rows = IncidentRows(o)
        let h = try open(path)
        defer { try? h.close() }
        let names = SimulationReport.incidentFields.map(\.name)
        let digits = names.map(CSVWriter.precision)
        try write(h, CSVWriter.bom + names.map { CSVWriter.field($0) }.joined(separator: ",") + "\n", path: path)
        try blocks(count: rows.count, rowsPerChunk: rowsPerChunk, line: { i, text in
            for (k, v) in rows.values(i).enumerated() {
                if k > 0 { text += "," }
                text += CSVWriter.cell(v, decimals: k < digits.count ? digits[k] : nil)
            }
            text += "\n"
        }, emit: { try write(h, $0, path: path) })
    }
}
