import Foundation
import GeoCore
import Testing

/// `FilePathText.parent` replaces Foundation's `deletingLastPathComponent`, which traps on a
/// one-character relative path (`-o c` crashed every command). Checked against Foundation on
/// every path where Foundation works, and by hand on the ones where it traps.
@Suite struct FilePathTextTests {
    @Test func agreesWithFoundationWhereFoundationWorks() {
        let paths = ["out", "out/", "a/b", "a/b/", "a/b/c.json", "/x", "/x/y", "/", "./c", "../c", "a//b", "dir/c", "/tmp/covplan-1/summary.json"]
        for p in paths {
            #expect(FilePathText.parent(p) == (p as NSString).deletingLastPathComponent, "\(p)")
        }
    }

    @Test func oneCharacterNamesHaveNoFolder() {
        #expect(FilePathText.parent("c") == "")
        #expect(FilePathText.parent("c/") == "")
        #expect(FilePathText.parent("a/c") == "a")
    }
}
