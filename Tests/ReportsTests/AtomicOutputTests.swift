import Foundation
import GeoCore
import Reports
import Testing
import TestSupport

@Suite struct AtomicOutputTests {
    struct Boom: Error {}

    @Test func failureLeavesNothingBehind() throws {
        let dir = Fixtures.tempDir("atomic")
        let target = dir + "/x.geojson"
        #expect(throws: Boom.self) {
            try AtomicOutput.writeFile(target, overwrite: false) { tmp in
                try AtomicOutput.write("partial", to: tmp)
                throw Boom()
            }
        }
        #expect(Fixtures.listing(dir).isEmpty)
    }

    @Test func refusesToOverwriteUnlessAsked() throws {
        let dir = Fixtures.tempDir("atomic")
        let target = dir + "/x.txt"
        try AtomicOutput.writeFile(target, overwrite: false) { try AtomicOutput.write("one", to: $0) }
        #expect { try AtomicOutput.writeFile(target, overwrite: false) { try AtomicOutput.write("two", to: $0) } }
            throws: { ($0 as? CovplanError)?.kind == .cannotCreate }
        #expect(String(decoding: FileManager.default.contents(atPath: target)!, as: UTF8.self) == "one")
        try AtomicOutput.writeFile(target, overwrite: true) { try AtomicOutput.write("two", to: $0) }
        #expect(String(decoding: FileManager.default.contents(atPath: target)!, as: UTF8.self) == "two")
        #expect(Fixtures.listing(dir) == ["x.txt"])
    }

    @Test func directoriesAreReplacedWhole() throws {
        let dir = Fixtures.tempDir("atomic") + "/run"
        try AtomicOutput.writeDirectory(dir, overwrite: false) { try AtomicOutput.write("a", to: $0 + "/a.txt") }
        try AtomicOutput.writeDirectory(dir, overwrite: true) { try AtomicOutput.write("b", to: $0 + "/b.txt") }
        #expect(Fixtures.listing(dir) == ["b.txt"])
        #expect(throws: Boom.self) {
            try AtomicOutput.writeDirectory(dir, overwrite: true) { _ in throw Boom() }
        }
        #expect(Fixtures.listing(dir) == ["b.txt"])
        #expect(Fixtures.listing((dir as NSString).deletingLastPathComponent) == ["run"])
    }
}
