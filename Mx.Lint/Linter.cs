using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Mx.Generators;
using Mx.Generators.Internal;
using Mx.Lint.Internal;
using Mx.Lint.Internal.Python;
using Mx.Lint.Rules.Python;

namespace Mx.Lint;

/// <summary>
/// Runs <c>mx lint</c>: walks the project, reads every file once, takes unchanged results from the cache,
/// runs the enabled rules on the rest in parallel, hands Python files to the project's tools, then applies
/// suppressions and the baseline. The report does not depend on thread timing.
/// </summary>
public sealed class Linter
{
    /// <summary>Files larger than this are skipped with a notice: generated data, not configuration.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    // One worker per core: parsing is CPU-bound, and more threads only preempt each other.
    private static readonly ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private readonly IToolRunner _tools;

    public Linter() : this(new ProcessToolRunner())
    {
    }

    internal Linter(IToolRunner tools) => _tools = tools;

    public LintReport Run(LintRequest request)
    {
        var root = FindRoot(request);
        if (!request.Fix) return RunOnce(root, request, request.UseCache, collectFixes: false).Report;

        // Fixes come from a full uncached run; the report is that of a second run over the fixed files.
        var first = RunOnce(root, request with { BaselinePath = null }, useCache: false, collectFixes: true);
        var applied = FixApplier.Apply(root, first.Fixes);
        var second = RunOnce(root, request, request.UseCache, collectFixes: false).Report;
        return second with { Fixes = applied };
    }

    /// <summary>The project root: the mx project around the first path (or the working directory), else that directory itself.</summary>
    public static string FindRoot(LintRequest request)
    {
        var start = request.Paths.Count > 0 ? Path.GetFullPath(request.Paths[0], request.WorkingDirectory) : Path.GetFullPath(request.WorkingDirectory);
        if (!Path.Exists(start)) throw new MxException($"{request.Paths[0]} does not exist. Pass files or directories of the project to lint.");
        var directory = Directory.Exists(start) ? start : Path.GetDirectoryName(start)!;
        if (ProjectPaths.FindProjectRoot(directory) is { } project) return project;
        // Outside an mx project the working directory is the root when the paths lie under it, so 'mx lint k8s'
        // and 'mx lint' share one cache and one view of the repository.
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory);
        var under = Path.GetRelativePath(workingDirectory, directory);
        return under == "." || !(under.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(under)) ? workingDirectory : directory;
    }

    private sealed record Outcome(LintReport Report, List<(Finding Finding, SafeFix Fix)> Fixes);

    /// <summary>The files one run reads: every file walked, those read (in scope, or YAML others look up), and those in scope.</summary>
    private sealed record ProjectFiles(IReadOnlyList<string> Walked, List<SourceFile> Read, List<SourceFile> InScope);

    /// <summary>What the rules see of the project, and the cache key part every file's result depends on.</summary>
    private sealed record ProjectView(LintContext Context, ProjectState? State, string Key);

    private Outcome RunOnce(string root, LintRequest request, bool useCache, bool collectFixes)
    {
        var config = LintConfig.Load(root);
        var notices = new List<string>();
        var cache = useCache ? LintCache.Load(root) : LintCache.Empty;
        var files = ReadFiles(root, request, config, cache, notices);
        var view = View(root, config, files.Read);

        var pythonRules = RuleCatalog.All.Where(r => r.Id is PythonLintRule.RuleId or PythonFormatRule.RuleId).Where(config.IsEnabled).ToList();
        var toolchain = files.InScope.Any(f => f.IsPython) && pythonRules.Count > 0 ? PythonToolchain.Detect(_tools) : null;
        if (toolchain?.Missing is { } missing) notices.Add(missing);

        var fixes = new ConcurrentBag<(Finding, SafeFix)>();
        var (entries, checkedCount) = CheckFiles(files.InScope, source => CacheKey(source, view, toolchain), view.Context, notices, collectFixes ? fixes : null);
        if (toolchain is not null)
            AddToolFindings(root, toolchain, config, files.InScope, entries, pythonRules);

        // Rewritten when anything was checked or hashed, so the next run can trust sizes and times again.
        if (useCache && (checkedCount > 0 || files.Read.Any(f => f.Cached is null || f.WasHashed)))
            LintCache.Save(root, CacheEntries(files.Walked, files.Read, files.InScope, entries, cache));

        var findings = ApplySuppressions(files.InScope, entries, config, request.Today, collectFixes ? fixes : null);
        var (accepted, recorded) = ApplyBaseline(request, findings);
        return Report(root, accepted, notices, files.InScope.Count, checkedCount, recorded, fixes);
    }

    // The whole project is read, whatever the scope: rules on one file need what the others declare.
    // Outside the scope only YAML files matter: they declare the queues, pools and runtimes rules look up.
    private static ProjectFiles ReadFiles(string root, LintRequest request, LintConfig config, LintCache cache, List<string> notices)
    {
        var scope = Scope(root, request);
        var walked = FileWalker.Walk(root, [], config.Exclude);
        var paths = walked.Where(p => InScope(p, scope) || p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).ToList();
        var sources = new SourceFile?[paths.Count];
        Parallel.For(0, paths.Count, Cores, i => sources[i] = SourceFile.Read(root, paths[i], cache, MaxFileBytes, notices));
        var files = sources.OfType<SourceFile>().ToList();
        foreach (var source in files) source.InScope = InScope(source.Path, scope);
        foreach (var named in scope.Where(s => !s.EndsWith('/') && s.Length > 0 && files.All(f => f.Path != s)))
            if (SourceFile.Read(root, named, cache, MaxFileBytes, notices) is { } extra) { extra.InScope = true; files.Add(extra); }
        return new ProjectFiles(walked, files, files.Where(f => f.InScope).ToList());
    }

    private static ProjectView View(string root, LintConfig config, List<SourceFile> files)
    {
        var hashes = files.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        var stateText = files.FirstOrDefault(f => f.Path == StateFile.RelativePath)?.File.Text ?? ReadState(root);
        var state = ParseState(stateText);
        var facts = new ProjectFacts(files.Select(f => f.Facts));
        var context = new LintContext(root, config, state, facts, path => hashes.TryGetValue(path, out var h) ? h : HashOnDisk(root, path));
        return new ProjectView(context, state, Hash(LintCache.Engine, config.Text, facts.Key, stateText ?? ""));
    }

    // A file's cached result stands while its key does: Python results also depend on which tools ran, the state
    // file's on the files it records.
    private static string CacheKey(SourceFile file, ProjectView view, PythonToolchain? toolchain) =>
        file.IsPython && toolchain is not null ? Hash(view.Key, toolchain.Identity)
        : file.Path == StateFile.RelativePath && view.State is not null
            ? Hash(view.Key, string.Join(",", view.State.Files.Keys.Select(p => view.Context.CurrentHash(p) ?? "-")))
        : view.Key;

    private static (CacheEntry[] Entries, int Checked) CheckFiles(List<SourceFile> inScope, Func<SourceFile, string> keyOf, LintContext context,
        List<string> notices, ConcurrentBag<(Finding, SafeFix)>? fixes)
    {
        var entries = new CacheEntry[inScope.Count];
        var checkedCount = 0;
        Parallel.For(0, inScope.Count, Cores, i =>
        {
            var source = inScope[i];
            var key = keyOf(source);
            if (source.Cached is { } cached && cached.Context == key) { entries[i] = cached; return; }
            Interlocked.Increment(ref checkedCount);
            entries[i] = Check(source, key, context, notices, fixes);
        });
        return (entries, checkedCount);
    }

    private static List<Finding> ApplySuppressions(List<SourceFile> inScope, CacheEntry[] entries, LintConfig config, DateOnly today,
        ConcurrentBag<(Finding, SafeFix)>? fixes)
    {
        var suppressions = inScope.Select((f, i) => (f.Path, entries[i].Suppressions)).Where(p => p.Suppressions.Count > 0)
            .ToDictionary(p => p.Path, p => p.Suppressions, StringComparer.Ordinal);
        var loaded = inScope.Where(f => f.WasParsed).ToDictionary(f => f.Path, f => f.File, StringComparer.Ordinal);
        return SuppressionChecker.Apply(entries.SelectMany(e => e.Findings), suppressions, config, today, loaded, fixes);
    }

    /// <summary>
    /// Marks the findings the baseline accepts; without a baseline file yet, records every unsuppressed finding in a
    /// new one and returns how many it recorded.
    /// </summary>
    private static (List<Finding> Findings, int? Recorded) ApplyBaseline(LintRequest request, List<Finding> findings)
    {
        if (request.BaselinePath is not { } baselinePath) return (findings, null);
        var path = Path.GetFullPath(baselinePath, request.WorkingDirectory);
        var accepted = new Suppression(Suppression.External, $"accepted in the baseline {baselinePath}");
        if (File.Exists(path))
        {
            var baseline = Baseline.Load(path);
            return (findings.Select(f => !f.IsSuppressed && baseline.Accepts(f) ? f with { Suppression = accepted } : f).ToList(), null);
        }
        var unsuppressed = findings.Where(f => !f.IsSuppressed).ToList();
        Baseline.Save(path, unsuppressed);
        return (findings.Select(f => f.IsSuppressed ? f : f with { Suppression = accepted }).ToList(), unsuppressed.Count);
    }

    private static Outcome Report(string root, List<Finding> findings, List<string> notices, int linted, int checkedCount, int? recorded,
        ConcurrentBag<(Finding, SafeFix)> fixes)
    {
        var ordered = findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal).ToList();
        var report = new LintReport(root, ordered, notices.Order(StringComparer.Ordinal).ToList())
        {
            FilesLinted = linted,
            FilesChecked = checkedCount,
            FilesFromCache = linted - checkedCount,
            BaselineRecorded = recorded,
        };
        // Suppressed findings are accepted as they are, so their fixes are not applied.
        var active = ordered.Where(f => !f.IsSuppressed).ToHashSet();
        return new Outcome(report, fixes.Where(f => active.Contains(f.Item1)).ToList());
    }

    private static CacheEntry Check(SourceFile source, string key, LintContext context, List<string> notices, ConcurrentBag<(Finding, SafeFix)>? fixes)
    {
        var file = source.File;
        var findings = new List<Finding>();
        foreach (var rule in RuleCatalog.All)
        {
            if (!context.Config.IsEnabled(rule)) continue;
            try
            {
                foreach (var violation in rule.Check(file, context))
                {
                    var finding = ToFinding(rule, violation, file, context.Config);
                    findings.Add(finding);
                    if (violation.Fix is { } fix && fixes is not null) fixes.Add((finding, fix));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A rule must never take the run down with it; the notice makes the bug visible.
                lock (notices) notices.Add($"{rule.Id} could not check {source.Path} ({e.GetType().Name}: {e.Message}); this is a bug in mx, please report it.");
            }
        }
        return new CacheEntry { Hash = source.Hash, Context = key, Facts = source.Facts.IsEmpty ? null : source.Facts, Findings = findings, Suppressions = InlineSuppression.In(file) };
    }

    internal static Finding ToFinding(Rule rule, Violation violation, LintFile file, LintConfig config)
    {
        var path = violation.Path ?? file.RelativePath;
        var anchor = violation.Path is null ? file.LineText(violation.Line).Trim() : violation.Message;
        return new Finding(rule.Id, config.SeverityOf(rule), path, violation.Line, violation.Column, violation.Message)
        {
            Hint = rule.Hint,
            Fingerprint = Hash(rule.Id, path, anchor)[..16],
        };
    }

    private static void AddToolFindings(string root, PythonToolchain toolchain, LintConfig config, List<SourceFile> inScope, CacheEntry[] entries, List<Rule> rules)
    {
        // Only Python files checked in this run go to the tools; cached ones already hold the tools' findings.
        var pending = inScope.Select((f, i) => (File: f, Index: i))
            .Where(p => p.File.IsPython && !ReferenceEquals(entries[p.Index], p.File.Cached)).ToList();
        if (pending.Count == 0) return;
        var lint = rules.Any(r => r.Id == PythonLintRule.RuleId);
        var format = rules.Any(r => r.Id == PythonFormatRule.RuleId);
        var byPath = toolchain.Run(root, pending.Select(p => p.File.Path).ToList(), lint, format)
            .GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (file, index) in pending)
        {
            if (!byPath.TryGetValue(file.Path, out var found)) continue;
            entries[index].Findings.AddRange(found.Select(t =>
                ToFinding(RuleCatalog.Get(t.RuleId), new Violation(t.Line, t.Column, t.Message), file.File, config)));
        }
    }

    private static IEnumerable<KeyValuePair<string, CacheEntry>> CacheEntries(IReadOnlyList<string> walked, List<SourceFile> files,
        List<SourceFile> inScope, CacheEntry[] entries, LintCache cache)
    {
        var read = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var checkedEntries = inScope.Select((f, i) => (f.Path, Entry: entries[i])).ToDictionary(p => p.Path, p => p.Entry, StringComparer.Ordinal);
        foreach (var path in walked)
        {
            if (!read.TryGetValue(path, out var file))
            {
                // Not read in this run: its last result stays for the next run that includes it.
                if (cache.Last(path) is { } last) yield return new(path, last);
                continue;
            }
            // Files outside this run's scope keep their last result, or at least their facts for the next run.
            var entry = checkedEntries.GetValueOrDefault(file.Path) ?? file.Cached ?? new CacheEntry { Hash = file.Hash, Facts = file.Facts.IsEmpty ? null : file.Facts };
            entry.Length = file.Length;
            entry.Modified = file.Modified;
            yield return new(file.Path, entry);
        }
    }

    private static List<string> Scope(string root, LintRequest request)
    {
        var scope = new List<string>();
        foreach (var path in request.Paths)
        {
            var full = Path.GetFullPath(path, request.WorkingDirectory);
            if (!Path.Exists(full)) throw new MxException($"{path} does not exist. Pass files or directories of the project to lint.");
            var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
            if (relative == "..") throw new MxException($"{path} is outside the project at {root}. Lint each project separately.");
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                throw new MxException($"{path} is outside the project at {root}. Lint each project separately.");
            scope.Add(relative == "." ? "" : Directory.Exists(full) ? relative + "/" : relative);
        }
        return scope;
    }

    private static bool InScope(string path, List<string> scope) =>
        scope.Count == 0 || scope.Any(s => s.Length == 0 || s == path || (s.EndsWith('/') && path.StartsWith(s, StringComparison.Ordinal)));

    private static string? ReadState(string root)
    {
        try
        {
            var path = StateFile.PathIn(root);
            return File.Exists(path) ? UserFile.TryReadText(path, UserFile.MaxBytes, out _) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ProjectState? ParseState(string? text)
    {
        if (text is null) return null;
        try
        {
            return StateFile.Parse(text);
        }
        catch (MxException)
        {
            return null;
        }
    }

    private static string? HashOnDisk(string root, string path)
    {
        try
        {
            var full = Path.Combine(root, path);
            return File.Exists(full) ? ContentHash.Of(File.ReadAllBytes(full)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // 128 bits are plenty to tell contexts apart, and half the size in every cache entry.
    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts))))[..32];
}
