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
    /// the row.
    ///
    /// - Returns: the values in layer order, the schema of the fields read, the layer CRS
    ///   (as `read(layer:)` gives it) and the warnings.
    public func read<T>(layer name: String, attributeFilter: String? = nil, fields wanted: [String]? = nil,
                        transform: (FeatureRow) -> T)
        throws(GDALError) -> (rows: [T], fields: [FieldDefinition], crs: String?, warnings: [String])
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
        let rows: [T]
        let warnings: [String]
        if let split = parallelSplit(l, plan: plan) {
            (rows, warnings) = try readInParallel(split: split, plan: plan, transform: transform)
        } else {
            (rows, warnings) = try Self.readRows(l, plan: plan, part: nil, transform: transform)
        }
        return (rows, plan.schema, crs, warnings)
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
    }

    /// Reads the features of `l` (optionally only one FID part of it) into an array.
    static func readRows<T>(_ l: OGRLayerH, plan: ReadPlan, part: FIDPart?, transform: (FeatureRow) -> T)
        throws(GDALError) -> (rows: [T], warnings: [String])
    {
        var rows: [T] = []
        if let n = exactCount(l, plan: plan) { rows.reserveCapacity(part == nil ? n : n / 2 + 1) }
        let warnings = try forEachRow(l, plan: plan, part: part) { row in rows.append(transform(row)) }
        return (rows, warnings)
    }

    /// The layer's feature count when GDAL knows it without a scan and no filter applies.
    static func exactCount(_ l: OGRLayerH, plan: ReadPlan) -> Int? {
        guard plan.filter == nil, OGR_L_TestCapability(l, OLCFastFeatureCount) != 0 else { return nil }
        let n = OGR_L_GetFeatureCount(l, 0)
        return n >= 0 ? Int(n) : nil
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
            try body(FeatureRow(handle: f, indices: indices, types: types, fid: fid, geometry: geometry))
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

    /// Reads the two parts of a layer split at FID `split` through their own connections on two
    /// threads, joining them in FID-part order; the first failure (in that order) is thrown.
    /// When the layer's feature count is known, the rows go straight into the result
    /// (`readInPlace`); otherwise each part is an array and the two are concatenated.
    func readInParallel<T>(split: Int64, plan: ReadPlan, transform: (FeatureRow) -> T)
        throws(GDALError) -> (rows: [T], warnings: [String])
    {
        if let n = Self.exactCount(try layer(named: plan.layer), plan: plan),
           let done = try readInPlace(split: split, count: n, plan: plan, transform: transform) {
            return done
        }
        let path = self.path
        let ranges: [FIDPart] = [.below(split), .atOrAbove(split)]
        let results = ParallelChunks.map(count: ranges.count) { k in
            Result { () throws(GDALError) in
                let source = try VectorSource(path: path)
                let l = try source.layer(named: plan.layer)
                return try Self.readRows(l, plan: plan, part: ranges[k], transform: transform)
            }
        }
        var parts: [[T]] = []
        var warnings: [String] = []
        for k in ranges.indices {
            let (rows, w) = try results[k].get()
            parts.append(rows)
            warnings += w
        }
        return (parts.count == 1 ? parts[0] : ParallelChunks.concat(parts), warnings)
    }

    /// The parallel read of `readInParallel` for a layer of `n` features: the first part's rows
    /// are made in the result array's own storage, the second part's in a side buffer that is
    /// then moved in behind them — no row is copied or reference-counted twice, and no second
    /// full-size array is made. nil (nothing kept) when the layer holds more rows than `n`
    /// says (a stale count), so that the caller reads it the general way.
    func readInPlace<T>(split: Int64, count n: Int, plan: ReadPlan, transform: (FeatureRow) -> T)
        throws(GDALError) -> (rows: [T], warnings: [String])?
    {
        let path = self.path
        let head = MovableRows<T>.Counter()
        let tail = MovableRows<T>(capacity: n / 2 + 1)
        var failure: GDALError?
        var overflow = false
        var warnings: [String] = []
        let rows = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let start = ReadOnlyBox(buffer.baseAddress)
            let results = ParallelChunks.map(count: 2) { k in
                Result { () throws(GDALError) -> [String] in
                    let source = try VectorSource(path: path)
                    let l = try source.layer(named: plan.layer)
                    if k == 1 {
                        return try Self.forEachRow(l, plan: plan, part: .atOrAbove(split)) { tail.append(transform($0)) }
                    }
                    return try Self.forEachRow(l, plan: plan, part: .below(split)) { (row) throws(GDALError) in
                        guard head.value < n, let base = start.value else {
                            head.overflowed = true
                            throw Self.staleCount
                        }
                        (base + head.value).initialize(to: transform(row))
                        head.value += 1
                    }
                }
            }
            // Whatever happened, the first part's rows belong to the array from here on.
            initialized = head.value
            for r in results {
                switch r {
                case .success(let w): warnings += w
                case .failure(let e): failure = failure ?? e
                }
            }
            if head.overflowed || (failure == nil && head.value + tail.count > n) {
                (failure, overflow) = (nil, true)
                return
            }
            guard failure == nil, let base = buffer.baseAddress else { return }
            tail.moveAll(to: base + head.value)
            initialized = head.value + tail.movedCount
        }
        if let failure { throw failure }
        return overflow ? nil : (rows, warnings)
    }

    /// Thrown inside `readInPlace` when the layer holds more rows than its count said.
    static let staleCount = GDALError(.readFailed, function: "OGR_L_GetFeatureCount",
                                      message: "the layer holds more features than its stated count")
}

/// A growable buffer of values that can be moved out whole, without copies or reference
/// counting — the second reader's rows in `VectorSource.readInPlace`. Each instance is used by
/// one thread at a time.
final class MovableRows<T>: @unchecked Sendable {
    private var base: UnsafeMutablePointer<T>
    private var capacity: Int
    /// Values held.
    private(set) var count = 0
    /// Values handed out by the last `moveAll`.
    private(set) var movedCount = 0

    /// A count (and whether it hit its limit) written by one thread, read after it has finished.
    final class Counter: @unchecked Sendable {
        var value = 0
        var overflowed = false
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func append(_ v: T) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: v)
        count += 1
    }

    /// Moves every value, in order, to `target` (room for `count` uninitialised values), leaving
    /// this buffer empty.
    func moveAll(to target: UnsafeMutablePointer<T>) {
        target.moveInitialize(from: base, count: count)
        movedCount = count
        count = 0
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

extension VectorSource {
    /// For tests: a whole layer read by two readers split at `split` (any FID, however uneven).
    func readSplit(layer name: String, at split: Int64) throws(GDALError) -> [Feature] {
        let l = try layer(named: name)
        let all = Self.fields(OGR_L_GetLayerDefn(l))
        let plan = ReadPlan(layer: name, filter: nil, indices: all.indices.map(Int32.init), schema: all, ignored: [])
        return try readInParallel(split: split, plan: plan) { $0.feature }.rows
    }

    /// For tests: `readInPlace` with a stated feature count `count` (nil when it is too low).
    func readInPlace(layer name: String, at split: Int64, count: Int) throws(GDALError) -> [Feature]? {
        let l = try layer(named: name)
        let all = Self.fields(OGR_L_GetLayerDefn(l))
        let plan = ReadPlan(layer: name, filter: nil, indices: all.indices.map(Int32.init), schema: all, ignored: [])
        return try readInPlace(split: split, count: count, plan: plan) { $0.feature }?.rows
    }
}
