import GeoCore

/// Places a map's labels: feature labels (each layer's `labelField`) before free labels (street
/// names), higher priority first. Each label tries a few positions around its anchor (right,
/// left, above, below a point; centred, then nudged, on an area or line) and is left out when
/// every position leaves the map or touches a placed label or the map furniture (scale bar,
/// north arrow). Widths are `TextMetrics` estimates, never less than the drawn text.
enum MapLabelPlacer {
    struct Candidate {
        var text: String
        var anchor: (Double, Double)
        /// Marker radius in pixels (0 for areas, lines and free labels).
        var radius: Double
        var priority: Int
        var street: Bool
    }

    static func render(_ map: ReportMap, drawn: [MapLayerStyle], frame f: MapFrame, reserved: [Box], fontSize: Double, loc: Loc = .en) -> String {
        var candidates: [Candidate] = []
        for (li, style) in drawn.enumerated() {
            guard let field = style.labelField, let fi = style.layer.fieldIndex(field) else { continue }
            let sizeIndex = style.size.flatMap { style.layer.fieldIndex($0.field) }
            for feature in style.layer.features {
                guard let g = feature.geometry, fi < feature.values.count, let text = labelText(feature.values[fi]), !text.isEmpty else { continue }
                var radius = 0.0
                if case .point(let pr) = style.symbol {
                    radius = pr
                    if let s = style.size, let si = sizeIndex, si < feature.values.count { radius = s.radius(feature.values[si].number ?? 0) }
                }
                guard let p = labelPoint(g) else { continue }
                candidates.append(Candidate(text: text, anchor: f.px(p), radius: radius, priority: 100 + li, street: false))
            }
        }
        for l in map.labels where !l.text.isEmpty {
            candidates.append(Candidate(text: l.text, anchor: f.px(l.at), radius: 0, priority: l.priority, street: true))
        }
        // Stable: higher priority first, then the order given.
        let order = candidates.indices.sorted { candidates[$0].priority != candidates[$1].priority ? candidates[$0].priority > candidates[$1].priority : $0 < $1 }
        var placed = reserved
        let inner = Box(x: f.ox + 2, y: 2, w: f.w - 4, h: f.h - 4)
        var out = "<g class=\"labels\">"
        for i in order {
            let c = candidates[i]
            let size = c.street ? fontSize - 1 : fontSize
            let tw = TextMetrics.width(c.text, fontSize: size, bold: !c.street) + 2
            let th = size * 1.3
            let (ax, ay) = c.anchor
            var boxes: [Box]
            if c.radius > 0 {
                let gap = c.radius + 3
                boxes = [Box(x: ax + gap, y: ay - th / 2, w: tw, h: th), Box(x: ax - gap - tw, y: ay - th / 2, w: tw, h: th),
                         Box(x: ax - tw / 2, y: ay - gap - th, w: tw, h: th), Box(x: ax - tw / 2, y: ay + gap, w: tw, h: th)]
            } else {
                boxes = [0.0, -1, 1, -2, 2].map { Box(x: ax - tw / 2, y: ay - th / 2 + $0 * th * 0.8, w: tw, h: th) }
            }
            guard let b = boxes.first(where: { b in b.inside(inner) && !placed.contains { $0.intersects(b.padded(2)) } }) else { continue }
            placed.append(b)
            let style = c.street ? " font-style=\"italic\" fill=\"#444\"" : " font-weight=\"bold\" fill=\"#111\""
            out += "<text class=\"label\" x=\"\(SVGMap.r(b.x + 1))\" y=\"\(SVGMap.r(b.y + size))\" font-size=\"\(SVGMap.r(size))\"\(style) stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\(SVGMap.esc(c.text))</text>"
        }
        return out + "</g>"
    }

    static func labelText(_ v: FieldValue) -> String? {
        switch v {
        case .int(let n): String(n)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : SVGMap.r(d)
        case .null: nil
        default: v.text
        }
    }

    /// Where a geometry's label goes: a point itself, the middle of the longest line, or a point
    /// inside the largest polygon (its centroid when inside, else the middle of the widest
    /// stretch of the horizontal line through the centroid).
    static func labelPoint(_ g: Geometry) -> Point? {
        if let p = g.points.first { return p }
        guard let poly = g.polygons.max(by: { $0.area < $1.area }) else { return g.representativePoint }
        let c = Planar.centroid(poly.exterior)
        if poly.contains(c) { return c }
        var xs: [Double] = []
        for ring in poly.rings where ring.count > 1 {
            for k in 0..<ring.count {
                let a = ring[k], b = ring[(k + 1) % ring.count]
                if (a.y > c.y) != (b.y > c.y) { xs.append(a.x + (c.y - a.y) / (b.y - a.y) * (b.x - a.x)) }
            }
        }
        xs.sort()
        var best: (Double, Double)?
        var k = 0
        while k + 1 < xs.count {
            if best == nil || xs[k + 1] - xs[k] > best!.1 - best!.0 { best = (xs[k], xs[k + 1]) }
            k += 2
        }
        return best.map { Point(x: ($0.0 + $0.1) / 2, y: c.y) } ?? c
    }
}

extension Box {
    func padded(_ d: Double) -> Box { Box(x: x - d, y: y - d, w: w + 2 * d, h: h + 2 * d) }
}
