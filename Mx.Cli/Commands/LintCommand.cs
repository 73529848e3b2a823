using System.CommandLine;
using Mx.Generators;
using Mx.Lint;

namespace Mx.Cli.Commands;

internal static class LintCommand
{
    private static readonly string[] Formats = ["text", "json", "sarif", "github"];

    public static Command Create(CommandContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories to lint (default: the whole project around the current directory)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            HelpName = string.Join('|', Formats),
            Description = "Output format: text, json, sarif (code scanning) or github (workflow annotations)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var fix = new Option<bool>("--fix") { Description = "Apply the safe fixes, then report what is left" };
        var baseline = new Option<string?>("--baseline")
        {
            HelpName = "FILE",
            Description = "Baseline file: records today's findings when it does not exist, and accepts them when it does, so only new findings fail",
        };
        var noCache = new Option<bool>("--no-cache") { Description = "Check every file again instead of reusing results from .mx/cache" };
        var explain = new Option<string?>("--explain") { HelpName = "RULE", Description = "Print a rule's rationale, a bad and a good example, e.g. --explain MX1101" };
        var list = new Option<bool>("--list") { Description = "Print the rule catalogue" };
        // Every other command spells JSON output --json; lint takes it too, as --format json.
        var json = new Option<bool>("--json") { Description = "Same as --format json" };

        var command = new Command("lint",
            "Check the project against the team's best practices (Kubernetes, GPU jobs, Pulumi, Dockerfile, secrets, mx state, Python). " +
            "Exit code 1 when an error-level finding is left. Example: mx lint --format sarif > mx.sarif")
        {
            paths, format, json, fix, baseline, noCache, explain, list,
        };
        command.SetAction(int (parsed) =>
        {
            var output = context.Console.Profile.Out.Writer;
            var formatName = parsed.GetValue(format) ?? "text";
            if (parsed.GetValue(json))
            {
                if (formatName is not ("text" or "json") || parsed.GetResult(format) is { Implicit: false } && formatName != "json")
                    throw new MxException($"--json asks for JSON and --format asks for {formatName}; give one of them.");
                formatName = "json";
            }
            var chosen = Enum.Parse<ReportFormat>(formatName, ignoreCase: true);
            if (parsed.GetValue(explain) is { } id)
            {
                var rule = RuleCatalog.Find(id) ?? throw new MxException($"There is no rule '{id}'. 'mx lint --list' prints the catalogue.");
                ReportWriter.WriteExplanation(rule, output);
                return 0;
            }
            if (parsed.GetValue(list))
            {
                ReportWriter.WriteCatalog(output, json: chosen == ReportFormat.Json);
                return 0;
            }
            var report = new Linter().Run(new LintRequest(context.WorkingDirectory)
            {
                Paths = parsed.GetValue(paths) ?? [],
                Fix = parsed.GetValue(fix),
                BaselinePath = parsed.GetValue(baseline),
                UseCache = !parsed.GetValue(noCache),
            });
            ReportWriter.Write(report, chosen, output);
            output.Flush();
            return report.ExitCode;
        });
        return command;
    }
}
