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

    @Option(help: "Report language: en, ru or kk (default: the plan scenario's report.language, else en).")
    var lang: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput

    func run() throws {
        try runCommand {
            let console = Console(common)
            if out.isPostgres {
                throw CovplanError(.usage, "-o PG:...: compare writes a folder (compare.json, .md, .html), not database tables; give a folder")
            }
            try out.prepare()
            var scenarioLanguage: String?
            if plan.hasSuffix(".yaml") || plan.hasSuffix(".yml") {
                scenarioLanguage = try ScenarioDocument.load(plan).root.at("report.language")?.text
            }
            let loc = Loc(try ReportLanguageChoice.resolve(lang, scenario: scenarioLanguage))
            var printed: JSONValue?
            try AtomicOutput.writeDirectory(out.output, overwrite: out.overwrite) { tmp in
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
                let json = BenchHook.apply(RunComparison.json(metrics, baseName: names.0, planName: names.1))
                try AtomicOutput.write(json.text(), to: tmp + "/compare.json")
                printed = json
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
            if let printed { try out.printSummary(printed) }
            console.info("wrote \(out.output)/compare.json, compare.md, compare.html")
        }
    }
}
