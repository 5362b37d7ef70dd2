@testable import CityIngest
@testable import CityModel
@testable import Coverage
import GeoCore

/// Input: up to eight text fields separated by newlines, as a camera layer's attributes:
/// heading, field of view, range, minimum range, type, surveillance, the key the heading is read
/// from, and an OSM `other_tags` hstore string. The record is built as the city loader builds it
/// and resolved as the coverage analysis resolves it (strict and skipping); a resolved camera
/// must hold only usable values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let fields = text.split(separator: "\n", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
    func field(_ i: Int) -> String? { i < fields.count ? fields[i] : nil }

    let headingKeys = ["heading_deg", "camera:direction", "direction"]
    let headingKey = headingKeys[(field(6)?.utf8.count ?? 0) % headingKeys.count]
    var tags = Tags()
    tags[headingKey] = field(0)
    tags["camera:angle"] = field(1)
    tags["camera:range"] = field(2)
    tags["min_range_m"] = field(3)
    tags["camera:type"] = field(4)
    tags["surveillance"] = field(5)
    // The hstore parser and the other OSM value parsers on the free text.
    let other = OSMTags.parse(field(7) ?? text)
    for (k, v) in other.prefix(8) where tags[k] == nil { tags[k] = v }
    _ = OSMTags.direction(text)
    _ = OSMTags.maxspeedKmh(text)
    _ = OSMTags.levels(text)
    _ = OSMTags.oneway(text, junction: field(1), highway: field(2) ?? "")

    let feature = RawFeature(id: "node/1", geometry: .point(Point(0, 0)), tags: tags)
    // A field that cannot be read is a reported problem (the loader stops or skips), never a trap.
    guard case .success(let record) = CityAssembler.camera(feature, at: Point(0, 0)) else { return 0 }

    for skip in [false, true] {
        let resolution: CameraResolution
        do {
            resolution = try CameraResolver(skipInvalid: skip).resolve([record])
        } catch {
            precondition(!skip, "skipInvalid resolver threw: \(error)")
            continue
        }
        precondition(resolution.cameras.count + resolution.skipped.count == 1, "record neither resolved nor skipped")
        for c in resolution.cameras {
            precondition(c.headingDeg.isFinite && c.headingDeg >= 0 && c.headingDeg < 360, "heading \(c.headingDeg)")
            precondition(c.fovDeg > 0 && c.fovDeg <= 360, "fov \(c.fovDeg)")
            precondition(c.rangeMeters.isFinite && c.rangeMeters > 0, "range \(c.rangeMeters)")
            precondition(c.minRangeMeters >= 0 && c.minRangeMeters < c.rangeMeters, "min range \(c.minRangeMeters)")
        }
    }
    return 0
}
