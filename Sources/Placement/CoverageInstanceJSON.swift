import Foundation
import GeoCore

extension CoverageInstance {
    /// The instance as JSON, in the exchange shape read by external solvers:
    ///
    /// `{"demand": [w0, ...], "candidates": [{"id": "...", "cost": c, "covers": [demand indices]}, ...],
    ///   "fixed": [candidate ids], "count": p or null, "budget": b or null}`
    ///
    /// The objective is the total weight of demand covered by at least one chosen or fixed
    /// candidate; `count`/`budget` limit the new (non-fixed) candidates only. With
    /// `includeTypes` each candidate also carries `"type"` (an extra key readers may ignore).
    /// Deterministic bytes; numbers in shortest round-trip form. O(size).
    public func jsonBytes(includeTypes: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * demandCount + 8 * nonzeroCount + 64 * candidateCount + 64)
        out.append(contentsOf: Array("{\"demand\": [".utf8))
        for (i, w) in demandWeights.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriting.append(w, to: &out)
        }
        out.append(contentsOf: Array("],\n\"candidates\": [".utf8))
        for j in 0 ..< candidateCount {
            out.append(contentsOf: Array((j > 0 ? ",\n{\"id\": " : "\n{\"id\": ").utf8))
            JSONWriting.append(string: candidateIDs[j], to: &out)
            if includeTypes {
                out.append(contentsOf: Array(", \"type\": ".utf8))
                JSONWriting.append(string: candidateTypes[j], to: &out)
            }
            out.append(contentsOf: Array(", \"cost\": ".utf8))
            JSONWriting.append(candidateCosts[j], to: &out)
            out.append(contentsOf: Array(", \"covers\": [".utf8))
            var first = true
            for d in covers(j) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONWriting.append(d, to: &out)
            }
            out.append(contentsOf: Array("]}".utf8))
        }
        out.append(contentsOf: Array("],\n\"fixed\": [".utf8))
        for (k, f) in fixed.enumerated() {
            if k > 0 { out.append(contentsOf: Array(", ".utf8)) }
            JSONWriting.append(string: candidateIDs[Int(f)], to: &out)
        }
        out.append(contentsOf: Array("],\n\"count\": ".utf8))
        if case .count(let p)? = limit {
            out.append(contentsOf: Array(String(p).utf8))
        } else {
            out.append(contentsOf: Array("null".utf8))
        }
        out.append(contentsOf: Array(",\n\"budget\": ".utf8))
        if case .budget(let b)? = limit {
            JSONWriting.append(b, to: &out)
        } else {
            out.append(contentsOf: Array("null".utf8))
        }
        out.append(contentsOf: Array("}\n".utf8))
        return out
    }

    /// Reads an instance from JSON in the exchange shape (see `jsonBytes`). Unknown keys are
    /// ignored; `covers` may be unsorted or repeat indices (they are sorted and de-duplicated);
    /// a candidate without `"type"` gets type "".
    ///
    /// - Parameter source: file name used in error messages.
    /// - Throws: `CovplanError(.dataError)` for malformed JSON (with the byte offset), a missing
    ///   `demand` or `candidates` key, an unknown fixed id, both `count` and `budget` given, a
    ///   non-integral count, or anything `init` rejects. O(size).
    public init(jsonBytes bytes: [UInt8], source: String? = nil) throws {
        var scanner = JSONScanner(bytes, source: source)
        var demand: [Double]? = nil
        var ids: [String] = []
        var types: [String] = []
        var costs: [Double] = []
        var offsets: [Int] = [0]
        var indices: [Int32] = []
        var sawCandidates = false
        var fixedIDs: [String] = []
        var count: Double? = nil
        var budget: Double? = nil
        try scanner.forEachMember { s, key in
            switch key {
            case "demand":
                var d: [Double] = []
                try s.forEachElement { s in d.append(try s.readNumber()) }
                demand = d
            case "candidates":
                sawCandidates = true
                try s.forEachElement { s in
                    var id: String? = nil
                    var type = ""
                    var cost: Double? = nil
                    var covers: [Int32] = []
                    var sawCovers = false
                    try s.forEachMember { s, key in
                        switch key {
                        case "id":
                            if s.peek() == UInt8(ascii: "\"") {
                                id = try s.readString()
                            } else {
                                let v = try s.readNumber()
                                id = v == v.rounded() && abs(v) < 9e15 ? String(Int64(v)) : String(v)
                            }
                        case "type": type = s.consumeNull() ? "" : try s.readString()
                        case "cost": cost = try s.readNumber()
                        case "covers":
                            sawCovers = true
                            try s.forEachElement { s in
                                let v = try s.readNumber()
                                guard v == v.rounded(), v >= 0, v < Double(Int32.max) else {
                                    throw s.error("candidate \(ids.count): cover index \(v) is not a demand index")
                                }
                                covers.append(Int32(v))
                            }
                        default: try s.skipValue()
                        }
                    }
                    guard let id else { throw s.error("candidate \(ids.count) has no \"id\"") }
                    guard let cost else { throw s.error("candidate '\(id)' has no \"cost\"") }
                    guard sawCovers else { throw s.error("candidate '\(id)' has no \"covers\"") }
                    var sortedCovers = covers
                    if !zip(covers, covers.dropFirst()).allSatisfy({ $0 < $1 }) {
                        sortedCovers.sort()
                        var unique: [Int32] = []
                        unique.reserveCapacity(sortedCovers.count)
                        for d in sortedCovers where unique.last != d { unique.append(d) }
                        sortedCovers = unique
                    }
                    ids.append(id)
                    types.append(type)
                    costs.append(cost)
                    indices.append(contentsOf: sortedCovers)
                    offsets.append(indices.count)
                }
            case "fixed":
                if !s.consumeNull() {
                    try s.forEachElement { s in
                        if s.peek() == UInt8(ascii: "\"") {
                            fixedIDs.append(try s.readString())
                        } else {
                            let v = try s.readNumber()
                            fixedIDs.append(v == v.rounded() && abs(v) < 9e15 ? String(Int64(v)) : String(v))
                        }
                    }
                }
            case "count": count = s.consumeNull() ? nil : try s.readNumber()
            case "budget": budget = s.consumeNull() ? nil : try s.readNumber()
            default: try s.skipValue()
            }
        }
        try scanner.expectEnd()
        guard let demand else { throw CovplanError(.dataError, file: source, "instance JSON has no \"demand\" array") }
        guard sawCandidates else { throw CovplanError(.dataError, file: source, "instance JSON has no \"candidates\" array") }
        var limit: PlacementLimit? = nil
        switch (count, budget) {
        case (let p?, nil):
            guard p == p.rounded(), p >= 0, p < 1e9 else {
                throw CovplanError(.dataError, file: source, "\"count\" is \(p); it must be a whole number ≥ 0")
            }
            limit = .count(Int(p))
        case (nil, let b?): limit = .budget(b)
        case (nil, nil): limit = nil
        case (_?, _?):
            throw CovplanError(.dataError, file: source, "instance JSON sets both \"count\" and \"budget\"; set one and make the other null")
        }
        var position: [String: Int32] = [:]
        position.reserveCapacity(ids.count)
        for (j, id) in ids.enumerated() where position[id] == nil { position[id] = Int32(j) }
        var fixed: [Int32] = []
        for id in fixedIDs {
            guard let j = position[id] else {
                throw CovplanError(.dataError, file: source, feature: "'\(id)'",
                                   "fixed id is not among the \(ids.count) candidates (fixed sites must be listed as candidates with their covers)")
            }
            fixed.append(j)
        }
        do {
            try self.init(demandWeights: demand, candidateIDs: ids, candidateTypes: types, candidateCosts: costs,
                          coverOffsets: offsets, coverIndices: indices, fixed: fixed, limit: limit)
        } catch let e as CovplanError {
            throw e.located(file: source)
        }
    }
}
