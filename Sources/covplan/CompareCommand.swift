import ArgumentParser
import Foundation
import GeoCore
import Scenario
import Reports

/// `covplan compare BASE PLAN -o DIR`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a baseline and a plan: covered street km, gaps, schools seen, precincts over norm, residents within T minutes, cost.",
        discussion: "BASE and PLAN are run folders (written by `covplan run`) or scenario files (run first, into DIR/base and DIR/plan). Writes DIR/compare.json, DIR/compare.md, DIR/compare.html.")

    @Argument(help: "Baseline: run folder or scenario file.")
    var base: String

    @Argument(help: "Plan: run folder or scenario file.")
    var plan: String

    @Option(name: .shortAndLong, help: "Output folder.")
    var output: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Option(help: "Report language: en, ru or kk (default: the plan scenario's report.language, else en).")
    var lang: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runCommand {
            let console = Console(common)
            try AtomicOutput.checkTarget(output, overwrite: overwrite, kind: .folder)
            var scenarioLanguage: String?
            if plan.hasSuffix(".yaml") || plan.hasSuffix(".yml") {
                scenarioLanguage = try ScenarioDocument.load(plan).root.at("report.language")?.text
            }
            let loc = Loc(try ReportLanguageChoice.resolve(lang, scenario: scenarioLanguage))
            try AtomicOutput.writeDirectory(output, overwrite: overwrite) { tmp in
                func folder(_ arg: String, _ name: String) throws -> String {
                    if arg.hasSuffix(".yaml") || arg.hasSuffix(".yml") {
                        console.info("running \(arg)")
                        let run = try Run.parse([arg, "-o", tmp + "/" + name, "--quiet", "--lang", loc.language.rawValue])
                        try run.run()
                        return tmp + "/" + name
                    }
                    return arg
                }
                let b = try folder(base, "base"), p = try folder(plan, "plan")
                let bs = try RunComparison.readSummary(b + "/summary.json"), ps = try RunComparison.readSummary(p + "/summary.json")
                let names = ((bs["scenario"] as? String) ?? base, (ps["scenario"] as? String) ?? plan)
                let metrics = RunComparison.metrics(base: bs, plan: ps)
                try AtomicOutput.write(BenchHook.apply(RunComparison.json(metrics, baseName: names.0, planName: names.1)).text(),
                                       to: tmp + "/compare.json")
                let section = ReportSection(key: "compare", title: loc.t("cmp.section", names.1, names.0), summary: .null,
                                            findings: [RunComparison.headingRangeFinding(base: bs, plan: ps, loc: loc)].compactMap { $0 }
                                                + metrics.filter { $0.verdict == "better" || $0.verdict == "worse" }.map {
                                                    RunComparison.finding($0, loc: loc)
                                                }, tables: [RunComparison.table(metrics, loc: loc)])
                let title = loc.t("cmp.title", names.1, names.0)
                try AtomicOutput.write(MarkdownReport.render(title: title, subtitle: nil, facts: [], sections: [section], runFooter: false, loc: loc), to: tmp + "/compare.md")
                let maps = CompareMaps.html(base: try CompareMaps.read(runFolder: b), plan: try CompareMaps.read(runFolder: p), loc: loc)
                try AtomicOutput.write(HTMLReport.render(title: title, subtitle: nil, facts: [(loc["cmp.baseline"], names.0), (loc["cmp.plan"], names.1)], sections: [section],
                                                         maxTableRows: 200, loc: loc, footer: false, extra: maps),
                                       to: tmp + "/compare.html")
            }
            console.info("wrote \(output)/compare.json, compare.md, compare.html")
        }
    }
}
