import CGDAL
import Dispatch
import Foundation
import GeoCore

extension VectorSource {
    /// Reads a whole layer as plain values, in the layer's own CRS, features in the layer's
    /// order.
    ///
    /// Only the wanted fields are fetched (the others are ignored at the driver, which for
    /// GeoPackage means they are not even selected). A large GeoPackage layer is read in two
    /// parts (FIDs below a middle one, and the rest) on two threads, each through its own
    /// connection; the result is the same as a sequential read.
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
        let r = try read(layer: name, attributeFilter: attributeFilter, fields: wanted) { $0.feature }
        return (FeatureLayer(name: name, fields: r.fields, crs: r.crs, features: r.rows), r.warnings)
    }

    /// Reads a whole layer like `read(layer:attributeFilter:fields:)`, turning each feature into
    /// a value with `transform` as it is read (on the reading thread), so neither an intermediate
    /// feature array nor a value array per feature is built: `transform` fetches the fields it
    /// needs from the `FeatureRow`. `transform` must not depend on the order of calls, nor keep
    /// the row. The values are made in (or moved to) their final place, never copied
    /// (`OrderedParts`); inlinable, so the caller's value type is known to the compiler.
    ///
    /// - Returns: the values in layer order, the schema of the fields read, the layer CRS
    ///   (as `read(layer:)` gives it) and the warnings.
    ///
    /// With `singleRings`, a footprint-like row of a direct GeoPackage read (one polygon of one
    /// ring) comes with `FeatureRow.singleRing` and its geometry decoded only on demand, so a
    /// transform that needs just the points allocates nothing for them.
    @inlinable
    public func read<T>(layer name: String, attributeFilter: String? = nil, fields wanted: [String]? = nil,
                        singleRings: Bool = false, transform: (FeatureRow) -> T)
        throws(GDALError) -> (rows: [T], fields: [FieldDefinition], crs: String?, warnings: [String])
    {
        var plan = try planRead(layer: name, attributeFilter: attributeFilter, fields: wanted)
        plan.singleRings = singleRings
        let (rows, warnings) = try read(plan, transform: transform)
        return (rows, plan.fields, plan.crs, warnings)
    }

    /// Reads every part of `plan` (concurrently when there are several) into one array in
    /// layer order; the first failure in part order is thrown. A stated feature count found too
    /// low is dropped and the layer read again without it.
    @inlinable
    func read<T>(_ plan: LayerReadPlan, transform: (FeatureRow) -> T) throws(GDALError) -> (rows: [T], warnings: [String]) {
        var plan = plan
        var expected = plan.count
        while true {
            let outcomes = ResultSlots<Result<[String], GDALError>>(count: plan.parts)
            let rows = OrderedParts.collect(parts: plan.parts, expected: expected) { (part, append: (consuming T) -> Bool) in
                outcomes.set(part, Result { () throws(GDALError) in
                    try forEachRow(plan, part: part) { (row) throws(GDALError) in
                        if !append(transform(row)) { throw GDALError.countExceeded }
                    }
                })
            }
            guard let rows else {
                expected = nil
                continue
            }
            var warnings: [String] = []
            do {
                for outcome in outcomes.take() { warnings += try outcome.get() }
            } catch where plan.isDirect && error.isDirectReadUnavailable {
                plan = plan.throughOGR
                continue
            }
            return (rows, warnings)
        }
    }

    /// Plans a read of layer `name`: the fields to fetch (all when `wanted` is nil), the CRS,
    /// the feature count when known, and the parts (two FID ranges for a large GeoPackage
    /// layer on a machine with more than one core, else one).
    /// Throws `.noSuchLayer`, or `.badQuery` for an unknown field.
    public func planRead(layer name: String, attributeFilter: String?, fields wanted: [String]?)
        throws(GDALError) -> LayerReadPlan
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
                            ignored: all.indices.filter { !indices.contains(Int32($0)) }.map { all[$0].name },
                            direct: driverName == "GPKG"
                                ? GeoPackageTable.plan(path: path, layer: l, name: name, filter: attributeFilter, indices: indices)
                                : nil)
        var count: Int?
        if attributeFilter == nil, OGR_L_TestCapability(l, OLCFastFeatureCount) != 0 {
            let n = OGR_L_GetFeatureCount(l, 0)
            count = n >= 0 ? Int(n) : nil
        }
        let split = parallelSplit(l, plan: plan)
        return LayerReadPlan(layer: name, fields: plan.schema, crs: Self.crsDefinition(OGR_L_GetSpatialRef(l)),
                             count: count, parts: split == nil ? 1 : 2, plan: plan, split: split)
    }

    /// Calls `body` with each feature of part `part` of `plan`, in FID order; a plan of several
    /// parts reads each through its own connection, so parts may be read concurrently.
    /// Returns the warnings (non-fatal GDAL messages).
    /// Throws `.badQuery` for a rejected filter, `.readFailed` when GDAL reports a failure or a
    /// geometry cannot be represented, or what `body` throws.
    public func forEachRow(_ plan: LayerReadPlan, part: Int, _ body: (FeatureRow) throws(GDALError) -> Void)
        throws(GDALError) -> [String]
    {
        precondition(part >= 0 && part < plan.parts)
        if let direct = plan.plan.direct {
            let fidPart = plan.split.map { part == 0 ? FIDPart.below($0) : .atOrAbove($0) }
            let types = plan.fields.map(\.type)
            try types.withUnsafeBufferPointer { (types) throws(GDALError) in
                try direct.forEachRow(part: fidPart, types: types, singleRings: plan.singleRings, body)
            }
            return []
        }
        guard let split = plan.split else {
            return try Self.forEachRow(try layer(named: plan.layer), plan: plan.plan, part: nil, body)
        }
        let source = try VectorSource(path: path)
        return try Self.forEachRow(try source.layer(named: plan.layer), plan: plan.plan,
                                   part: part == 0 ? .below(split) : .atOrAbove(split), body)
    }

    /// The part of a layer one reader takes: the features whose FID is below the split, or the
    /// others. The two parts hold every feature exactly once whatever the split, so the split
    /// only affects how evenly the work is shared.
    enum FIDPart: Sendable {
        case below(Int64)
        case atOrAbove(Int64)

        func filter(column: String) -> String {
            switch self {
            case .below(let v): "\"\(column)\" < \(v)"
            case .atOrAbove(let v): "\"\(column)\" >= \(v)"
            }
        }
    }

    /// What to read from a layer: its name, filter, wanted field indices (and their schema), and
    /// the names of the fields to ignore.
    struct ReadPlan: Sendable {
        let layer: String
        let filter: String?
        let indices: [Int32]
        let schema: [FieldDefinition]
        let ignored: [String]
        /// The direct GeoPackage read of the layer, when it gives what OGR gives.
        let direct: GeoPackageTable?
    }

    /// Calls `body` with each feature of `l` (optionally only one FID part of it), in FID order.
    /// Returns the warnings; throws the first failure GDAL reports or `body` throws.
    static func forEachRow(_ l: OGRLayerH, plan: ReadPlan, part: FIDPart?,
                           _ body: (FeatureRow) throws(GDALError) -> Void) throws(GDALError) -> [String]
    {
        try withErrorCapture { (capture) throws(GDALError) in
            var filter = plan.filter
            if let part, let fidColumn = fidColumnName(l) {
                let range = part.filter(column: fidColumn)
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
            // Rows refer to the plan's field lists without reference counting.
            let types = plan.schema.map(\.type)
            try plan.indices.withUnsafeBufferPointer { (indices) throws(GDALError) in
                try types.withUnsafeBufferPointer { (types) throws(GDALError) in
                    try readEach(l, capture: capture, indices: indices, types: types, body)
                }
            }
            if let failure = capture.lastFailure {
                throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
            }
            return capture.warnings
        }
    }

    /// The loop of `forEachRow`.
    private static func readEach(_ l: OGRLayerH, capture: ErrorCapture, indices: UnsafeBufferPointer<Int32>,
                                 types: UnsafeBufferPointer<FieldType>,
                                 _ body: (FeatureRow) throws(GDALError) -> Void) throws(GDALError) {
        while let f = OGR_L_GetNextFeature(l) {
            defer { OGR_F_Destroy(f) }
            if let failure = capture.lastFailure {
                throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
            }
            let fid = OGR_F_GetFID(f)
            var geometry: Geometry?
            if let g = OGR_F_GetGeometryRef(f) {
                do {
                    geometry = try OGRGeometryDecoder.decode(g)
                } catch {
                    throw GDALError(.readFailed, function: "OGR_G_GetPoints", message: "feature \(fid): \(error)")
                }
            }
            try body(FeatureRow(source: .ogr(f, indices: indices), types: types, fid: fid, geometry: geometry))
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

    /// Where to split a large GeoPackage layer between two readers, or nil to read
    /// sequentially (other drivers, small layers, no FID column, one core): the middle FID,
    /// from 1…n when two random reads suggest dense FIDs, else from MIN/MAX. Any split is
    /// correct (see `FIDPart`); a good one balances the two threads.
    func parallelSplit(_ l: OGRLayerH, plan: ReadPlan) -> Int64? {
        guard driverName == "GPKG", ProcessInfo.processInfo.activeProcessorCount > 1,
              let fidColumn = Self.fidColumnName(l) else { return nil }
        let n = Int64(OGR_L_GetFeatureCount(l, 0))
        guard n >= Self.parallelReadThreshold else { return nil }
        func exists(_ fid: Int64) -> Bool {
            guard let f = OGR_L_GetFeature(l, fid) else { return false }
            OGR_F_Destroy(f)
            return true
        }
        if exists(1) && exists(n) && !exists(n + 1) { return 1 + n / 2 }
        let sql = "SELECT MIN(\"\(fidColumn)\"), MAX(\"\(fidColumn)\") FROM \"\(plan.layer.replacingOccurrences(of: "\"", with: "\"\""))\""
        guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else { return nil }
        defer { GDALDatasetReleaseResultSet(handle, result) }
        guard let row = OGR_L_GetNextFeature(result) else { return nil }
        defer { OGR_F_Destroy(row) }
        let lo = OGR_F_GetFieldAsInteger64(row, 0), hi = OGR_F_GetFieldAsInteger64(row, 1)
        return hi > lo ? lo + (hi - lo) / 2 + 1 : nil
    }

}

extension VectorSource {
    /// For tests: a whole layer read by two readers split at `split` (any FID, however uneven),
    /// with the stated feature count `count` (nil: unknown).
    func readSplit(layer name: String, at split: Int64, count: Int? = nil) throws(GDALError) -> [Feature] {
        let plan = try planRead(layer: name, attributeFilter: nil, fields: nil)
        let forced = LayerReadPlan(layer: plan.layer, fields: plan.fields, crs: plan.crs, count: count, parts: 2,
                                   plan: plan.plan, split: split)
        return try read(forced) { $0.feature }.rows
    }
}

/// A planned read of one layer (`VectorSource.planRead`): what `forEachRow` reads.
public struct LayerReadPlan: Sendable {
    public let layer: String
    /// The fields read, in the order `FeatureRow.value(_:)` numbers them.
    public let fields: [FieldDefinition]
    /// The layer's CRS definition; nil when it states none.
    public let crs: String?
    /// The number of features when GDAL knows it without a scan and no filter applies.
    public let count: Int?
    /// Parts to read (1 or 2): disjoint FID ranges in ascending order, every feature in one.
    public let parts: Int
    let plan: VectorSource.ReadPlan
    /// Part 0 takes FIDs below it, part 1 the rest; nil for one part.
    let split: Int64?
    /// Hand single-ring polygons of a direct GeoPackage read over as `FeatureRow.singleRing`.
    public var singleRings = false

    /// Read straight from the GeoPackage table (`GeoPackageTable`), not through OGR features.
    @usableFromInline var isDirect: Bool { plan.direct != nil }

    /// The same read through OGR.
    @usableFromInline var throughOGR: LayerReadPlan {
        let p = plan
        return LayerReadPlan(layer: layer, fields: fields, crs: crs, count: count, parts: parts,
                             plan: VectorSource.ReadPlan(layer: p.layer, filter: p.filter, indices: p.indices,
                                                         schema: p.schema, ignored: p.ignored, direct: nil),
                             split: split, singleRings: singleRings)
    }
}

extension GDALError {
    /// Thrown from a read whose rows outnumber the layer's stated count (the read is redone).
    /// Whether this is the signal of a direct GeoPackage read that cannot go on.
    @usableFromInline var isDirectReadUnavailable: Bool {
        kind == .readFailed && function == Self.directReadUnavailable.function
            && message == Self.directReadUnavailable.message
    }

    @usableFromInline static let countExceeded = GDALError(.readFailed, function: "OGR_L_GetFeatureCount",
                                                            message: "the layer holds more features than its stated count")
}
