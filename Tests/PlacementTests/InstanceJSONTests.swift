import Foundation
import Testing
import GeoCore
import Placement

/// The instance exchange format: exact shape, round trip, and malformed input.
@Suite struct InstanceJSONTests {
    @Test func readsTheDocumentedShape() throws {
        let text = """
        {"demand": [1.5, 2, 0, 4e1],
         "candidates": [{"id": "a", "cost": 100, "covers": [0, 3]},
                        {"id": "b", "cost": 250.5, "covers": [3, 1, 1], "type": "ptz"},
                        {"id": 7, "cost": 0, "covers": []}],
         "fixed": ["b"], "count": 1, "budget": null, "comment": {"ignored": [true, false, null]}}
        """
        let inst = try CoverageInstance(jsonBytes: Array(text.utf8))
        #expect(inst.demandWeights == [1.5, 2, 0, 40])
        #expect(inst.candidateIDs == ["a", "b", "7"])
        #expect(inst.candidateTypes == ["", "ptz", ""])
        #expect(inst.candidateCosts == [100, 250.5, 0])
        #expect(Array(inst.covers(1)) == [1, 3])
        #expect(inst.covers(2).isEmpty)
        #expect(inst.fixed == [1])
        #expect(inst.limit == .count(1))
    }

    @Test func roundTripIsExactAndInTheExchangeShape() throws {
        for seed in UInt64(0) ..< 20 {
            var inst = try SyntheticCoverage.spatial(demandCount: 400, candidateCount: 80, meanCover: 12,
                                                     fixedCount: Int(seed % 3), costsTenge: [1_000_000, 2.5e6, 333.25],
                                                     limit: seed % 2 == 0 ? .count(7) : .budget(4.5e6), seed: seed)
            if seed == 3 { inst.limit = nil }
            let bytes = inst.jsonBytes()
            let back = try CoverageInstance(jsonBytes: bytes)
            #expect(back.demandWeights == inst.demandWeights)
            #expect(back.candidateIDs == inst.candidateIDs)
            #expect(back.candidateCosts == inst.candidateCosts)
            #expect(back.coverOffsets == inst.coverOffsets && back.coverIndices == inst.coverIndices)
            #expect(back.fixed == inst.fixed && back.limit == inst.limit)
            #expect(back.jsonBytes() == bytes, "export is not byte-stable")
            let typed = try CoverageInstance(jsonBytes: inst.jsonBytes(includeTypes: true))
            #expect(typed == inst)
            // An independent JSON reader sees exactly the documented keys and values.
            let object = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
            #expect(Set(object.keys) == ["demand", "candidates", "fixed", "count", "budget"])
            let candidates = object["candidates"] as! [[String: Any]]
            #expect(candidates.count == inst.candidateCount)
            #expect(Set(candidates[0].keys) == ["id", "cost", "covers"])
            let covers = candidates.map { ($0["covers"] as! [NSNumber]).map(\.intValue) }
            #expect(covers.flatMap { $0 }.map(Int32.init) == inst.coverIndices)
            // (Foundation's number parser on Linux may be off in the last bit, hence the tolerance.)
            let demand = (object["demand"] as! [NSNumber]).map(\.doubleValue)
            #expect(demand.count == inst.demandCount)
            #expect(zip(demand, inst.demandWeights).allSatisfy { close($0, $1, 1e-15) })
            #expect((object["fixed"] as! [String]) == inst.fixed.map { inst.candidateIDs[Int($0)] })
            switch inst.limit {
            case .count(let p)?: #expect((object["count"] as! NSNumber).intValue == p && object["budget"] is NSNull)
            case .budget(let b)?: #expect((object["budget"] as! NSNumber).doubleValue == b && object["count"] is NSNull)
            case nil: #expect(object["count"] is NSNull && object["budget"] is NSNull)
            }
        }
    }

    @Test func escapedIdsRoundTrip() throws {
        var b = CoverageInstance.Builder(demandWeights: [1], limit: .count(1))
        b.addCandidate(id: "кам \"1\"\\\n\u{1}", type: "ÿ", costTenge: 1, covers: [0])
        let inst = try b.build()
        #expect(try CoverageInstance(jsonBytes: inst.jsonBytes(includeTypes: true)) == inst)
    }

    @Test func bytesRoundTrip() throws {
        let inst = try SyntheticCoverage.uniform(demandCount: 30, candidateCount: 9, density: 0.2, fixedCount: 1,
                                                 limit: .count(3), seed: 5)
        #expect(try CoverageInstance(jsonBytes: inst.jsonBytes(includeTypes: true), source: "t") == inst)
        let plain = try CoverageInstance(jsonBytes: inst.jsonBytes(), source: "t")
        #expect(plain.candidateTypes.allSatisfy(\.isEmpty) && plain.coverIndices == inst.coverIndices)
    }

    func failure(_ text: String) -> CovplanError? {
        do {
            _ = try CoverageInstance(jsonBytes: Array(text.utf8), source: "inst.json")
            return nil
        } catch let e as CovplanError {
            return e
        } catch {
            return nil
        }
    }

    @Test func malformedInputGivesOneLineDataErrors() {
        let cases: [(String, String)] = [
            (#"{"demand": [1, 2], "candidates": [{"id": "a", "cost": 1, "covers": [5]}]}"#, "demand index 5"),
            (#"{"demand": [1, -2], "candidates": []}"#, "weight -2"),
            (#"{"demand": [1], "candidates": [{"id": "a", "cost": -1, "covers": []}]}"#, "cost -1"),
            (#"{"demand": [1], "candidates": [{"id": "a", "cost": 1, "covers": []}, {"id": "a", "cost": 1, "covers": []}]}"#, "repeated"),
            (#"{"demand": [1], "candidates": [{"id": "a", "cost": 1, "covers": [0]}], "fixed": ["zz"]}"#, "not among"),
            (#"{"demand": [1], "candidates": [], "count": 1, "budget": 5}"#, "both"),
            (#"{"demand": [1], "candidates": [], "count": 1.5}"#, "whole number"),
            (#"{"demand": [1], "candidates": [{"id": "a", "covers": [0]}]}"#, "no \"cost\""),
            (#"{"candidates": []}"#, "no \"demand\""),
            (#"{"demand": [1, 2}"#, "byte"),
            (#"{"demand": [1]} x"#, "trailing"),
        ]
        for (text, fragment) in cases {
            guard let e = failure(text) else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(e.kind == .dataError, "\(text)")
            #expect(e.description.contains(fragment), "'\(e.description)' lacks '\(fragment)'")
            #expect(e.description.hasPrefix("inst.json: "), "\(e.description)")
            #expect(!e.description.contains("\n"))
        }
    }
}
