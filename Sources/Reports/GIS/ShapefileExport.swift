import Foundation
import GeoCore

/// ESRI Shapefile output through GDAL: `NAME.shp` with `.shx`, `.dbf`, `.prj` and a UTF-8
/// `.cpg`, in the layer's CRS. dBase field names hold at most 10 characters, so longer names are
/// shortened deterministically (`residents_per_inspector` → `residents_`, a clash → `resident_2`)
/// and the map is written next to the layer as `NAME.fields.csv` (columns `shapefile_field`,
/// `field`; every field listed, UTF-8 BOM).
public enum ShapefileExport {
    /// Shapefile name for each field name, in order: unchanged when it fits in 10 characters and
    /// is unique (case-insensitively, as dBase compares), else a 10-character stem with a number.
    public static func fieldNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        for n in names where n.utf8.count <= 10 { used.insert(n.lowercased()) }
        for n in names {
            if n.utf8.count <= 10 {
                out.append(n)
                continue
            }
            // Field names are machine names (ASCII), so characters are bytes.
            var candidate = String(n.prefix(10))
            var k = 2
            while used.contains(candidate.lowercased()) {
                let suffix = "_\(k)"
                candidate = String(n.prefix(10 - suffix.count)) + suffix
                k += 1
            }
            used.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    /// The sidecar CSV text mapping shapefile field names to covplan's names.
    public static func fieldMap(_ names: [String]) -> String {
        let short = fieldNames(names)
        var out = CSVWriter.bom + "shapefile_field,field\n"
        for (s, n) in zip(short, names) { out += CSVWriter.field(s) + "," + CSVWriter.field(n) + "\n" }
        return out
    }

    /// Writes `layer` as `path` (ending in `.shp`) with its companion files and the field map,
    /// all or nothing: written in a scratch folder next to it, then linked into place (refusing to
    /// replace any existing file without `overwrite`).
    public static func write(_ layer: FeatureLayer, to path: String, overwrite: Bool) throws {
        try AtomicOutput.checkTarget(path, overwrite: overwrite, kind: .file)
        let fm = FileManager.default
        let dir = FilePathText.parent(path)
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let scratch = (dir.isEmpty ? "." : dir) + "/.covplan-shp-\(getpid())-\(UInt64.random(in: 0 ... .max))"
        do {
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        } catch {
            throw CovplanError(.cannotCreate, file: path, "cannot create a scratch folder next to it: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: scratch) }
        var renamed = layer
        renamed.fields = zip(layer.fields, fieldNames(layer.fields.map(\.name))).map { FieldDefinition($1, $0.type) }
        try LayerExport.writeGDAL([renamed], to: scratch + "/" + base + ".shp", driver: "ESRI Shapefile",
                                  layerOptions: ["ENCODING=UTF-8"])
        try AtomicOutput.write(fieldMap(layer.fields.map(\.name)), to: scratch + "/" + base + ".fields.csv")
        let parts = ((try? fm.contentsOfDirectory(atPath: scratch)) ?? []).sorted()
        if !overwrite {
            for p in parts where fm.fileExists(atPath: (dir.isEmpty ? "." : dir) + "/" + p) {
                throw CovplanError(.cannotCreate, file: (dir.isEmpty ? "." : dir) + "/" + p, "exists (use --overwrite)")
            }
        }
        for p in parts {
            let target = (dir.isEmpty ? "." : dir) + "/" + p
            if overwrite { try? fm.removeItem(atPath: target) }
            guard rename(scratch + "/" + p, target) == 0 else {
                throw CovplanError(.cannotCreate, file: target, "cannot move into place: \(String(cString: strerror(errno)))")
            }
        }
    }
}
