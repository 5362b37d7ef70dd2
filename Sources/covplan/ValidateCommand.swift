import ArgumentParser
import Foundation
import Scenario

/// `covplan validate SCENARIO`.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file (and the files it extends) against the schema; print what it asks for.",
        discussion: "Errors name file:line:column and suggest the closest known key or name. See scenarios/SCHEMA.md.")

    @Argument(help: "Scenario YAML file.")
    var scenario: String?

    @Flag(name: .customLong("schema-markdown"), help: "Print the schema reference table (Markdown) and exit.")
    var schemaMarkdown = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runCommand {
            if schemaMarkdown {
                try printData(SchemaMarkdown.render())
                return
            }
            guard let scenario else { throw ValidationError("give a scenario file") }
            let doc = try ScenarioDocument.load(scenario)
            let sections = doc.root.entries.map(\.key).filter { !["name", "description", "seed"].contains($0) }
            try printData("ok: \(scenario): '\(doc.name)'" + (doc.files.count > 1 ? " (extends \(doc.files.dropFirst().map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")))" : "")
                      + "; sections: \(sections.joined(separator: ", "))\n")
        }
    }
}
