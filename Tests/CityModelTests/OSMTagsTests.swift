@testable import CityModel
import Testing

@Suite struct OSMTagsTests {
    @Test func parsesHstoreWithEscapes() {
        let t = OSMTags.parse(#""oneway"=>"yes","name:fi"=>"Katu \"A\"","note"=>"a\\b","x"=>"""#)
        #expect(t["oneway"] == "yes")
        #expect(t["name:fi"] == "Katu \"A\"")
        #expect(t["note"] == "a\\b")
        #expect(t["x"] == "")
        #expect(OSMTags.parse("").isEmpty)
    }

    @Test func onewaySemantics() {
        #expect(OSMTags.oneway("yes", junction: nil, highway: "residential") == .forward)
        #expect(OSMTags.oneway("-1", junction: nil, highway: "residential") == .reverse)
        #expect(OSMTags.oneway(nil, junction: "roundabout", highway: "primary") == .forward)
        #expect(OSMTags.oneway("no", junction: "roundabout", highway: "primary") == .no)
        #expect(OSMTags.oneway(nil, junction: nil, highway: "motorway") == .forward)
        #expect(OSMTags.oneway(nil, junction: nil, highway: "service") == .no)
    }

    @Test func maxspeedParsing() {
        #expect(OSMTags.maxspeedKmh("40") == 40)
        #expect(OSMTags.maxspeedKmh("30 mph").map { abs($0 - 48.28) < 0.01 } == true)
        #expect(OSMTags.maxspeedKmh("FI:urban") == 50)
        #expect(OSMTags.maxspeedKmh("KZ:urban") == 60)
        #expect(OSMTags.maxspeedKmh("50;30") == 50)
        #expect(OSMTags.maxspeedKmh("none") == nil)
        #expect(OSMTags.maxspeedKmh("-5") == nil)
    }

    @Test func levelsAndDirections() {
        #expect(OSMTags.levels("5") == 5)
        #expect(OSMTags.levels("2.5") == 2.5)
        #expect(OSMTags.levels("3;4") == 3)
        #expect(OSMTags.levels("many") == nil)
        #expect(OSMTags.direction("270") == 270)
        #expect(OSMTags.direction("NE") == 45)
        #expect(OSMTags.direction("350-30") == 10)
        #expect(OSMTags.direction("forward") == nil)
        #expect(OSMTags.direction("12x")?.isNaN == true)
    }

    @Test func buildingUse() {
        #expect(Building.use(forTag: "apartments") == .residential)
        #expect(Building.use(forTag: "yes") == .unknown)
        #expect(Building.use(forTag: "church") == .nonResidential)
    }
}
