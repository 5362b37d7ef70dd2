import GeoCore

/// Places a copy of the base city in tile (column, row) of a k×k mosaic. Odd columns are mirrored
/// left–right and odd rows top–bottom, so every seam joins an edge of the city to the same edge
/// of its mirror image: streets cut by the extract's boundary meet their own reflections, which
/// lets the synthesiser join the tiles with short connectors.
struct MosaicTransform {
    let base: Envelope
    let column: Int
    let row: Int
    /// Gap between tiles in metres (keeps mirrored buildings at a seam apart).
    let gapMeters: Double

    var mirrorX: Bool { column % 2 == 1 }
    var mirrorY: Bool { row % 2 == 1 }

    func apply(_ p: Point) -> Point {
        var lx = p.x - base.minX, ly = p.y - base.minY
        if mirrorX { lx = base.width - lx }
        if mirrorY { ly = base.height - ly }
        return Point(base.minX + lx + Double(column) * (base.width + gapMeters),
                     base.minY + ly + Double(row) * (base.height + gapMeters))
    }

    func apply(_ ps: [Point]) -> [Point] { ps.map(apply) }

    func apply(_ poly: Polygon) -> Polygon {
        Polygon(exterior: apply(poly.exterior), holes: poly.holes.map(apply))
    }

    /// A compass heading (degrees clockwise from north) as seen in the mirrored copy.
    func apply(headingDeg h: Double) -> Double {
        var out = h
        if mirrorX { out = 360 - out }
        if mirrorY { out = 180 - out }
        out = out.truncatingRemainder(dividingBy: 360)
        return out < 0 ? out + 360 : out
    }

    /// Suffix that makes ids unique per tile: `~3_7` for column 3, row 7.
    var idSuffix: String { "~\(column)_\(row)" }
}
