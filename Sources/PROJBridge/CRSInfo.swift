import CPROJ

/// What PROJ says about a coordinate reference system definition.
public struct CRSInfo: Sendable, Equatable {
    /// The CRS name, e.g. "WGS 84 / UTM zone 35N".
    public let name: String
    /// Authority and code when PROJ knows them, e.g. ("EPSG", "32635").
    public let authority: String?
    public let code: String?
    /// `true` for geographic (longitude/latitude) CRSs.
    public let isGeographic: Bool
    /// `true` for projected CRSs.
    public let isProjected: Bool
    /// Linear unit to metre factor of the first axis for projected CRSs (1 for metres).
    public let metresPerUnit: Double?

    /// `"EPSG:32635"` when an authority code is known, else the name.
    public var identifier: String {
        if let authority, let code { return "\(authority):\(code)" }
        return name
    }

    /// A projected CRS whose axes are in metres — fit to be covplan's working CRS.
    public var isMetricProjected: Bool { isProjected && metresPerUnit.map { abs($0 - 1) < 1e-12 } == true }

    /// Describes `definition` (any string PROJ accepts: "EPSG:4326", WKT, PROJJSON, a PROJ string).
    /// Throws `PROJError` when PROJ cannot parse it.
    public static func describe(_ definition: String) throws(PROJError) -> CRSInfo {
        let ctx = try PROJContext()
        guard let pj = proj_create(ctx.raw, definition) else { throw ctx.lastError("proj_create") }
        let obj = PROJObject(pj, context: ctx)
        guard proj_is_crs(obj.raw) != 0 else {
            throw PROJError(function: "proj_is_crs", message: "'\(definition.prefix(60))' is not a coordinate reference system")
        }
        var crs = obj
        // A bound/compound CRS: look at its horizontal part.
        if proj_get_type(crs.raw) == PJ_TYPE_BOUND_CRS, let base = proj_get_source_crs(ctx.raw, crs.raw) {
            crs = PROJObject(base, context: ctx)
        }
        if proj_get_type(crs.raw) == PJ_TYPE_COMPOUND_CRS, let h = proj_crs_get_sub_crs(ctx.raw, crs.raw, 0) {
            crs = PROJObject(h, context: ctx)
        }
        let type = proj_get_type(crs.raw)
        let name = proj_get_name(crs.raw).map { String(cString: $0) } ?? "unnamed CRS"
        var authority = proj_get_id_auth_name(crs.raw, 0).map { String(cString: $0) }
        var code = proj_get_id_code(crs.raw, 0).map { String(cString: $0) }
        if authority == nil {
            // WKT from files often lacks an ID: ask PROJ for a confident (100%) match.
            var confidence: UnsafeMutablePointer<Int32>?
            if let list = proj_identify(ctx.raw, crs.raw, "EPSG", nil, &confidence) {
                if proj_list_get_count(list) > 0, let conf = confidence, conf[0] == 100,
                   let m = proj_list_get(ctx.raw, list, 0)
                {
                    authority = proj_get_id_auth_name(m, 0).map { String(cString: $0) }
                    code = proj_get_id_code(m, 0).map { String(cString: $0) }
                    proj_destroy(m)
                }
                proj_list_destroy(list)
                proj_int_list_destroy(confidence)
            }
        }
        let geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        let projected = type == PJ_TYPE_PROJECTED_CRS
        var factor: Double?
        if projected, let cs = proj_crs_get_coordinate_system(ctx.raw, crs.raw) {
            var conv = 0.0
            if proj_cs_get_axis_info(ctx.raw, cs, 0, nil, nil, nil, &conv, nil, nil, nil) != 0 { factor = conv }
            proj_destroy(cs)
        }
        return CRSInfo(name: name, authority: authority, code: code, isGeographic: geographic,
                       isProjected: projected, metresPerUnit: factor)
    }
}
