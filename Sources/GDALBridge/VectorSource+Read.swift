import CGDAL
import Dispatch
import Foundation
import GeoCore

extension VectorSource {
    /// Reads a whole layer as plain values, in the layer's own CRS, features in the layer's
    /// order.
    ///
    /// Only the wanted fields are fetched (the others are ignored at the driver, which for
    /// GeoPackage means they are not even selected). A large GeoPackage layer is read in two FID
    /// ranges on two threads, each through its own connection; the result is the same as a
    /// sequential read.
    ///
    /// - Parameters:
    ///   - attributeFilter: an OGR SQL `WHERE` expression, e.g. `"highway IS NOT NULL"`.
    ///   - fields: names of the fields to read (all when nil); unknown names throw.
    /// - Returns: the layer with its warnings (non-fatal GDAL messages). Feature ids are the OGR
    ///   FIDs as text.
    /// - Throws: `GDALError` `.noSuchLayer`, `.badQuery` for a rejected filter or unknown field,
    ///   `.readFailed` when GDAL reports a failure during the read (a truncated file is never read
    ///   as a shorter one) or a geometry cannot be represented.
    public func read(layer name: String, attributeFilter: String? = nil, fields wanted: [String]? = nil)
        throws(GDALError) -> (layer: FeatureLayer, warnings: [String])
    {
        let l = try layer(named: name)
        let all = Self.fields(OGR_L_GetLayerDefn(l))
        var indices: [Int32] = []
        if let wanted {
            for w in wanted {
                guard let i = all.firstIndex(where: { $0.name == w }) else {
                    throw GDALError(.badQuery, function: "OGR_FD_GetFieldIndex",
                                    message: "no field '\(w)' in layer '\(name)' (fields: \(all.map(\.name).joined(separator: ", ")))")
                }
                indices.append(Int32(i))
            }
        } else {
            indices = (0..<Int32(all.count)).map { $0 }
        }
        let plan = ReadPlan(layer: name, filter: attributeFilter, indices: indices,
                            schema: indices.map { all[Int($0)] },
                            ignored: all.indices.filter { !indices.contains(Int32($0)) }.map { all[$0].name })
        let crs = Self.crsDefinition(OGR_L_GetSpatialRef(l))
        let features: [Feature]
        let warnings: [String]
        if let ranges = try parallelRanges(l, plan: plan) {
            (features, warnings) = try readInParallel(ranges, plan: plan)
        } else {
            (features, warnings) = try Self.readRows(l, plan: plan, fidRange: nil)
        }
        return (FeatureLayer(name: name, fields: plan.schema, crs: crs, features: features), warnings)
    }

    /// What to read from a layer: its name, filter, wanted field indices (and their schema), and
    /// the names of the fields to ignore.
    struct ReadPlan: Sendable {
        let layer: String
        let filter: String?
        let indices: [Int32]
        let schema: [FieldDefinition]
        let ignored: [String]
    }

    /// Reads the features of `l` (optionally only FIDs in `fidRange`, half-open).
    static func readRows(_ l: OGRLayerH, plan: ReadPlan, fidRange: Range<Int64>?)
        throws(GDALError) -> (features: [Feature], warnings: [String])
    {
        try withErrorCapture { (capture) throws(GDALError) in
            var filter = plan.filter
            if let r = fidRange, let fidColumn = fidColumnName(l) {
                let range = "\"\(fidColumn)\" >= \(r.lowerBound) AND \"\(fidColumn)\" < \(r.upperBound)"
                filter = filter.map { "(\($0)) AND \(range)" } ?? range
            }
            if OGR_L_SetAttributeFilter(l, filter) != OGRERR_NONE {
                let why = capture.lastFailure ?? "rejected"
                throw GDALError(.badQuery, function: "OGR_L_SetAttributeFilter",
                                message: "attribute filter '\(plan.filter ?? "")': \(why)")
            }
            let ignored = CStringList(plan.ignored + ["OGR_STYLE"])
            _ = OGR_L_SetIgnoredFields(l, UnsafeMutablePointer(mutating: ignored.constRaw))
            defer {
                OGR_L_SetAttributeFilter(l, nil)
                _ = OGR_L_SetIgnoredFields(l, nil)
            }
            OGR_L_ResetReading(l)
            var features: [Feature] = []
            if fidRange == nil, OGR_L_TestCapability(l, OLCFastFeatureCount) != 0, plan.filter == nil {
                features.reserveCapacity(max(0, Int(OGR_L_GetFeatureCount(l, 0))))
            }
            while let f = OGR_L_GetNextFeature(l) {
                defer { OGR_F_Destroy(f) }
                if let failure = capture.lastFailure {
                    throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
                }
                let fid = OGR_F_GetFID(f)
                var values: [FieldValue] = []
                values.reserveCapacity(plan.indices.count)
                for (k, i) in plan.indices.enumerated() { values.append(value(f, i, plan.schema[k].type)) }
                var geometry: Geometry?
                if let g = OGR_F_GetGeometryRef(f) {
                    do {
                        geometry = try OGRGeometryDecoder.decode(g)
                    } catch {
                        throw GDALError(.readFailed, function: "OGR_G_GetPoints", message: "feature \(fid): \(error)")
                    }
                }
                features.append(Feature(id: String(fid), geometry: geometry, values: values))
            }
            if let failure = capture.lastFailure {
                throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
            }
            return (features, capture.warnings)
        }
    }

    static func value(_ f: OGRFeatureH, _ i: Int32, _ type: FieldType) -> FieldValue {
        guard OGR_F_IsFieldSetAndNotNull(f, i) != 0 else { return .null }
        switch type {
        case .bool: return .bool(OGR_F_GetFieldAsInteger(f, i) != 0)
        case .int: return .int(OGR_F_GetFieldAsInteger64(f, i))
        case .double: return .double(OGR_F_GetFieldAsDouble(f, i))
        case .string: return .string(String(cString: OGR_F_GetFieldAsString(f, i)))
        }
    }

    static func fidColumnName(_ l: OGRLayerH) -> String? {
        guard let c = OGR_L_GetFIDColumn(l) else { return nil }
        let name = String(cString: c)
        return name.isEmpty ? nil : name
    }

    // MARK: parallel GeoPackage reads

    /// Layers with at least this many features are read in two halves in parallel.
    static let parallelReadThreshold = 50_000

    /// Two half-open FID ranges splitting a large GeoPackage layer, or nil to read sequentially
    /// (other drivers, small layers, no FID column, one core).
    func parallelRanges(_ l: OGRLayerH, plan: ReadPlan) throws(GDALError) -> [Range<Int64>]? {
        guard driverName == "GPKG", ProcessInfo.processInfo.activeProcessorCount > 1, let fidColumn = Self.fidColumnName(l),
              Int(OGR_L_GetFeatureCount(l, 0)) >= Self.parallelReadThreshold else { return nil }
        let sql = "SELECT MIN(\"\(fidColumn)\"), MAX(\"\(fidColumn)\") FROM \"\(plan.layer.replacingOccurrences(of: "\"", with: "\"\""))\""
        guard let result = GDALDatasetExecuteSQL(handle, sql, nil, "SQLITE") else { return nil }
        defer { GDALDatasetReleaseResultSet(handle, result) }
        guard let row = OGR_L_GetNextFeature(result) else { return nil }
        defer { OGR_F_Destroy(row) }
        let lo = OGR_F_GetFieldAsInteger64(row, 0), hi = OGR_F_GetFieldAsInteger64(row, 1)
        guard hi > lo else { return nil }
        let mid = lo + (hi - lo + 1) / 2
        return [lo..<mid, mid..<(hi + 1)]
    }

    /// Reads each FID range through its own connection on its own thread, concatenating the
    /// features in range order; the first failure (in range order) is thrown.
    func readInParallel(_ ranges: [Range<Int64>], plan: ReadPlan)
        throws(GDALError) -> (features: [Feature], warnings: [String])
    {
        let path = self.path
        let results = ParallelChunks.map(count: ranges.count) { k in
            Result { () throws(GDALError) in
                let source = try VectorSource(path: path)
                let l = try source.layer(named: plan.layer)
                return try Self.readRows(l, plan: plan, fidRange: ranges[k])
            }
        }
        var features: [Feature] = []
        var warnings: [String] = []
        for k in ranges.indices {
            let (f, w) = try results[k].get()
            if features.isEmpty { features = f } else { features += f }
            warnings += w
        }
        return (features, warnings)
    }
}
