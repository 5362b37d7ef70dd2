import CityModel
import GeoCore

/// What a street line's attributes say, parsed once: road class, name, direction of travel and
/// speed limit. Generic line layers get it on the reading threads (no tag list is kept per
/// feature); OpenStreetMap ways get it from their tags when the city is assembled.
struct StreetAttributes: Sendable {
    /// The OSM `highway` value or mapped class; `road` when absent.
    var highway: String
    var name: String?
    var oneway: Oneway
    /// Posted limit in km/h; nil when absent or unparseable.
    var maxspeedKmh: Double?

    /// From the canonical attributes (nil or `.null`: absent). A `maxspeed` read as a number is
    /// taken as km/h; as text it may carry units or a zone (`30 mph`, `FI:urban`).
    init(highway: FieldValue?, name: FieldValue?, oneway: FieldValue?, junction: FieldValue?, maxspeed: FieldValue?) {
        let highway = highway?.text ?? "road"
        self.highway = highway
        self.name = name?.text
        self.oneway = OSMTags.oneway(oneway?.text, junction: junction?.text, highway: highway)
        switch maxspeed {
        case .int(let i)?: maxspeedKmh = OSMTags.maxspeedKmh(number: Double(i))
        case .double(let d)?: maxspeedKmh = OSMTags.maxspeedKmh(number: d)
        default: maxspeedKmh = OSMTags.maxspeedKmh(maxspeed?.text)
        }
    }

    /// From a feature's tags.
    init(tags: Tags) {
        self.init(highway: tags.value("highway"), name: tags.value("name"), oneway: tags.value("oneway"),
                  junction: tags.value("junction"), maxspeed: tags.value("maxspeed"))
    }
}
