using System.Reflection;
using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// Runs a generator against a project: resolve answers, plan, compare with the working tree, then (unless it is
/// a dry run or the user's files are in the way) apply atomically and record the new state.
/// </summary>
internal sealed class GenerationService(GeneratorCatalog catalog, IAnswerPrompter? prompter, IConflictPrompter? conflictPrompter = null)
{
    public static string MxVersion { get; } =
        typeof(GenerationService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public GenerateOutcome Generate(GenerateRequest request)
    {
        var generator = catalog.Get(request.Generator);
        var fileAnswers = request.AnswersFile is null ? Answers.Empty : AnswersFile.Load(request.AnswersFile);
        var resolver = new AnswerResolver(prompter);

        var (root, flags) = Root(generator, request, fileAnswers, resolver);
        if (File.Exists(root))
            throw new MxException($"{root} is a file, not a directory. Choose another --output.");
        if (!Directory.Exists(root))
            return Generate(generator, request, root, flags, fileAnswers, resolver, ProjectState.Empty, bases: new Dictionary<string, string>());

        // The lock comes before state is read, so no other mx changes the state this run plans against.
        using var projectLock = Open(root);
        var state = StateFile.Load(root) ?? ProjectState.Empty;
        return Generate(generator, request, root, flags, fileAnswers, resolver, state, BaseSnapshot.Load(root));
    }

    private GenerateOutcome Generate(IGenerator generator, GenerateRequest request, string root, Answers flags, Answers fileAnswers,
        AnswerResolver resolver, ProjectState state, IReadOnlyDictionary<string, string> bases)
    {
        CheckRequirements(generator, state);
        if (request.Amend is { } amend) flags = flags.WithAll(amend(state));
        var answers = RunGeneratorCode(generator, "resolving its answers", () => resolver.Resolve(generator.Parameters, flags, fileAnswers, state.Answers));

        var plan = WithDeploymentsEnabled(root, RunGeneratorCode(generator, "planning", () => generator.Plan(new GeneratorContext(answers, state) { Requested = !request.Rerender })));
        plan = WithEditsOfOtherGenerators(generator, plan, answers, state);
        var changes = ChangePlanner.Compare(root, plan, state, state.HasApplied(generator.Name) ? generator.Writes : null, bases);
        if (request.DryRun) return new GenerateOutcome(root, generator, changes, Written: false);

        var decided = Decide(changes, request);
        if (decided is null) return new GenerateOutcome(root, generator, changes, Written: false) { Quit = true };
        changes = decided;
        if (changes.Any(c => c.Kind == ChangeKind.Conflict && c.Resolution is null))
            return new GenerateOutcome(root, generator, changes, Written: false);

        var newState = NextState(state, generator, catalog.SourceOf(generator), answers, plan, changes);
        var newBases = NextBases(state, bases, newState, changes);
        var stateChanged = StateFile.Serialize(newState) != StateFile.Serialize(state);
        if (!changes.Any(c => c.TouchesDisk) && !stateChanged && SameBases(bases, newBases))
            return new GenerateOutcome(root, generator, changes, Written: false);
        var backup = BackupDirectory(changes);
        Write(root, changes, newState, newBases, backup);
        return new GenerateOutcome(root, generator, changes, Written: true) { BackupDirectory = backup };
    }

    // Conflicts are decided by the policy given on the command line, else by the user on a terminal, else not at
    // all (and nothing is written). Null means the user quit.
    private List<FileChange>? Decide(IReadOnlyList<FileChange> changes, GenerateRequest request)
    {
        var policy = request.Force ? ConflictResolution.Theirs : request.Conflicts;
        var decided = new List<FileChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Kind != ChangeKind.Conflict) { decided.Add(change); continue; }
            var resolution = policy ?? (conflictPrompter is null ? null : conflictPrompter.Decide(change) ?? (ConflictResolution?)null);
            if (policy is null && conflictPrompter is not null && resolution is null) return null;
            decided.Add(change with { Resolution = resolution });
        }
        return decided;
    }

    // A file one generator renders whole may carry structured edits of others (node pools GpuQueues adds to the
    // skeleton's cluster program): rendering it again applies them on top, in the order the generators were applied,
    // or the re-render would take them out or move them. Deployments enabled by hand (mx deploy) come first, where a
    // render of the platform program puts what is not its own.
    private Plan WithEditsOfOtherGenerators(IGenerator generator, Plan plan, Answers answers, ProjectState state)
    {
        var paths = plan.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var shared = state.Answers.WithAll(answers);
        var others = state.Generators.Where(g => g.Name != generator.Name).Select(g => catalog.Find(g.Name)).OfType<IGenerator>()
            .Select(other => RunGeneratorCode(other, "planning its edits", () =>
                other.Plan(new GeneratorContext(new AnswerResolver(null).Resolve(other.Parameters, Answers.Empty, Answers.Empty, shared), state))))
            .ToArray();
        // A deployment several plans list (the docs site: a pipeline's and the front door's) is placed by the plan
        // that edits the platform program for it.
        var placed = others.Prepend(plan).Where(EditsPlatformProgram).SelectMany(p => p.Deployments).ToHashSet(StringComparer.Ordinal);
        var edits = new List<FileEdit>();
        foreach (var other in others)
        {
            var unplaced = other.Deployments.Where(d => !placed.Contains(d)).ToArray();
            var enabling = EditsPlatformProgram(other) || unplaced.Length == 0 ? other.Edits : [.. other.Edits, PlatformProgram.Enable(unplaced)];
            edits.AddRange(enabling.Where(e => paths.Contains(e.Path)));
        }
        var byGenerators = others.Prepend(plan).SelectMany(p => p.Deployments).ToHashSet(StringComparer.Ordinal);
        if (paths.Contains(PlatformProgram.Path) && state.Deployments.Where(d => !byGenerators.Contains(d)).ToArray() is { Length: > 0 } byHand)
            edits.Insert(0, PlatformProgram.Enable(byHand));
        return edits.Count == 0 ? plan : new Plan(plan.Files, plan.Deployments, [.. plan.Edits, .. edits]);
    }

    private static bool EditsPlatformProgram(Plan plan) =>
        plan.Files.Any(f => f.Path == PlatformProgram.Path) || plan.Edits.Any(e => e.Path == PlatformProgram.Path);

    // Deployments a plan enables reach the platform program, whichever generator (or plugin) enables them, unless the
    // plan renders that program itself.
    private static Plan WithDeploymentsEnabled(string root, Plan plan)
    {
        if (plan.Deployments.Count == 0 || EditsPlatformProgram(plan) || !File.Exists(ProjectPaths.Resolve(root, PlatformProgram.Path)))
            return plan;
        return new Plan(plan.Files, plan.Deployments, [.. plan.Edits, PlatformProgram.Enable(plan.Deployments)]);
    }

    // Every command that changes a project takes its lock before it reads state, then finishes or rolls back what
    // a killed run left: an interrupted transaction, or staging beside the project from an interrupted creation.
    private static ProjectLock Open(string root)
    {
        var projectLock = Locked(root, () => ProjectLock.Acquire(root));
        try
        {
            Locked(root, () => ProjectTransaction.Recover(root));
            Locked(root, () => PlanApplier.RemoveAbandonedStaging(root));
            return projectLock;
        }
        catch
        {
            projectLock.Dispose();
            throw;
        }
    }

    private static T Locked<T>(string root, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx cannot write to {root}: {e.Message} Nothing was changed. Check the directory's permissions or choose another --output.",
                ExitCode.BadInput, e);
        }
    }

    private static void Locked(string root, Action action) => Locked(root, () => { action(); return 0; });

    /// <summary>
    /// Applies a plan that a command rather than a generator made (<c>mx deploy</c>'s edit of the platform program)
    /// through the same lock, three-way comparison, conflict policy and journal as a generator's.
    /// </summary>
    public GenerateOutcome Apply(string root, string command, Plan plan, bool dryRun = false)
    {
        using var projectLock = Open(root);
        var state = StateFile.Load(root) ?? throw new MxException($"{root} is not an mx project (it has no {StateFile.RelativePath}).");
        return Generate(new CommandPlan(command, plan), new GenerateRequest(command, root) { DryRun = dryRun, Conflicts = ConflictResolution.Mine },
            root, Answers.Empty, Answers.Empty, new AnswerResolver(null), state, BaseSnapshot.Load(root));
    }

    /// <summary>
    /// Removes what a generator added: every file of its render at the stored answers that the user did not change
    /// (changed ones are conflicts), its deployments, from the platform program too, and its entry in state.
    /// </summary>
    public GenerateOutcome Destroy(DestroyRequest request)
    {
        var root = ProjectPaths.RequireProjectRoot(request.WorkingDirectory);
        using var projectLock = Open(root);
        var state = StateFile.Load(root)!;
        var applied = state.Generators.Select(g => g.Name).ToArray();
        var generator = catalog.Find(request.Generator);
        if (generator is null || !state.HasApplied(generator.Name))
            throw new MxException((generator is null ? catalog.Unknown(request.Generator).Message + " " : $"{request.Generator} was never applied to this project. ") +
                                  $"This project has applied: {string.Join(", ", applied)}.");
        var dependents = state.Generators.Select(g => catalog.Find(g.Name)).Where(g => g is not null && g.Requires.Contains(generator.Name)).Select(g => g!.Name).ToArray();
        if (dependents.Length > 0)
            throw new MxException($"{string.Join(" and ", dependents)} build(s) on {generator.Name}; destroy {dependents[0]} first with 'mx destroy {dependents[0]}'. Nothing was written.");

        var answers = new AnswerResolver(null).Resolve(generator.Parameters, Answers.Empty, Answers.Empty, state.Answers);
        var rendered = RunGeneratorCode(generator, "planning", () => generator.Plan(new GeneratorContext(answers, state)));
        var others = state.Deployments.Except(rendered.Deployments).ToArray();
        var removed = rendered.Deployments.Where(d => !others.Contains(d)).ToArray();
        var ownPaths = rendered.Files.Select(f => f.Path).Concat(generator.Writes.Where(w => !w.Contains('<'))).Distinct().ToArray();
        var remaining = state with
        {
            Generators = state.Generators.Where(g => g.Name != generator.Name).ToArray(),
            Deployments = state.Deployments.Except(removed).ToArray(),
        };
        var touched = rendered.Edits.Select(e => e.Path).Concat(removed.Length > 0 ? [PlatformProgram.Path] : []).Distinct().ToArray();
        var restored = RenderedWithout(touched, remaining);
        // A file the generator edited goes back to what its owner renders without it; with no owner to render the
        // platform program, its deployments are taken out of it directly.
        var edits = removed.Length > 0 && !restored.Files.Any(f => f.Path == PlatformProgram.Path) && File.Exists(ProjectPaths.Resolve(root, PlatformProgram.Path))
            ? [.. restored.Edits, PlatformProgram.Disable(removed)] : restored.Edits;
        var changes = ChangePlanner.Compare(root, new Plan(restored.Files, edits: edits), state, ownPaths, BaseSnapshot.Load(root));
        var outcome = new GenerateOutcome(root, generator, changes, Written: false);
        if (request.DryRun) return outcome;
        var decided = Decide(changes, new GenerateRequest(generator.Name, root) { Force = request.Force, Conflicts = request.Conflicts });
        if (decided is null) return outcome with { Quit = true };
        if (decided.Any(c => c.Kind == ChangeKind.Conflict && c.Resolution is null)) return outcome with { Changes = decided };

        var files = new Dictionary<string, string>(state.Files, StringComparer.Ordinal);
        foreach (var path in ownPaths) files.Remove(path);
        foreach (var change in decided.Where(c => c.Planned is not null)) files[change.Path] = ContentHash.Of(change.Planned!);
        var newState = state with
        {
            MxVersion = MxVersion,
            Generators = state.Generators.Where(g => g.Name != generator.Name).ToArray(),
            Deployments = state.Deployments.Except(removed).ToArray(),
            Files = files,
        };
        var bases = NextBases(state, BaseSnapshot.Load(root), newState, decided);
        var backup = BackupDirectory(decided);
        Write(root, decided, newState, bases, backup);
        return new GenerateOutcome(root, generator, decided, Written: true) { BackupDirectory = backup };
    }

    // The given files as the generators that remain render them (owner's render plus the others' edits).
    private Plan RenderedWithout(IReadOnlyList<string> paths, ProjectState remaining)
    {
        var files = new List<FileEffect>();
        var edits = new List<FileEdit>();
        foreach (var applied in remaining.Generators)
        {
            if (catalog.Find(applied.Name) is not { } owner) continue;
            var answers = new AnswerResolver(null).Resolve(owner.Parameters, Answers.Empty, Answers.Empty, remaining.Answers);
            var plan = RunGeneratorCode(owner, "planning", () => owner.Plan(new GeneratorContext(answers, remaining)));
            var owned = plan.Files.Where(f => paths.Contains(f.Path) && files.All(known => known.Path != f.Path) && !f.KeepExisting).ToArray();
            if (owned.Length == 0) continue;
            files.AddRange(owned);
            edits.AddRange(WithEditsOfOtherGenerators(owner, new Plan(owned), answers, remaining).Edits);
        }
        return new Plan(files, edits: edits);
    }

    /// <summary>
    /// Re-renders applied generators in the order they were first applied, each through <see cref="Generate(GenerateRequest)"/>
    /// with no flags, so answers come from state (a parameter newer than the state takes its default).
    /// </summary>
    public IReadOnlyList<GenerateOutcome> Update(UpdateRequest request)
    {
        var root = ProjectPaths.RequireProjectRoot(request.WorkingDirectory);
        var state = StateFile.Load(root)!;
        var applied = state.Generators.Select(g => g.Name).ToArray();
        foreach (var name in request.Generators)
            if (!applied.Contains(name))
                throw new MxException(catalog.Find(name) is null
                    ? $"{catalog.Unknown(name).Message} This project has applied: {string.Join(", ", applied)}."
                    : $"{name} was never applied to this project, so there is nothing to update; apply it with 'mx generate {name}'. " +
                      $"This project has applied: {string.Join(", ", applied)}.");
        foreach (var entry in state.Generators)
        {
            var generator = catalog.Find(entry.Name) ?? throw new MxException(
                $"This project applied {entry.Name} (from {entry.Source}), which this mx does not have. " +
                (entry.Source == GeneratorCatalog.BuiltInSource ? "A newer mx wrote it: upgrade mx." : $"Install its plugin with 'mx plugin restore'."));
            if (VersionOrder.Compare(entry.Version, generator.Version) > 0)
                throw new MxException(
                    $"{entry.Name} {entry.Version} last wrote this project, and this mx has only {generator.Version}; updating would take the " +
                    "project back to older templates. Upgrade mx (or the plugin) and run 'mx update' again. Nothing was written.");
        }
        var names = request.Generators.Count > 0 ? applied.Where(request.Generators.Contains).ToArray() : applied;
        return names.Select(name => Generate(new GenerateRequest(name, root)
        {
            DryRun = request.DryRun, Force = request.Force, Conflicts = request.Conflicts, Rerender = true,
        })).ToArray();
    }

    // A project-creating generator writes to ./<project_name> unless run inside a project or given --output.
    // The name answer it needed to find the directory is returned with the flags, so it is not asked twice.
    private static (string Root, Answers Flags) Root(IGenerator generator, GenerateRequest request, Answers fileAnswers, AnswerResolver resolver)
    {
        if (request.Output is not null) return (Path.GetFullPath(request.Output, request.WorkingDirectory), request.Flags);
        var enclosing = ProjectPaths.FindProjectRoot(request.WorkingDirectory);
        if (enclosing is not null) return (enclosing, request.Flags);
        if (!generator.CreatesProject) throw ProjectPaths.NotInProject(request.WorkingDirectory, $", and {generator.Name} adds to an existing project");
        var nameParameter = generator.Parameters[0];
        var name = resolver.Resolve([nameParameter], request.Flags, fileAnswers, Answers.Empty).GetString(nameParameter.Key);
        return (Path.Combine(request.WorkingDirectory, name), request.Flags.With(nameParameter.Key, name));
    }

    private static void CheckRequirements(IGenerator generator, ProjectState state)
    {
        var missing = generator.Requires.Where(r => !state.HasApplied(r)).ToArray();
        if (missing.Length > 0)
            throw new MxException(
                $"{generator.Name} builds on {string.Join(" and ", missing)}, which this project has not applied. " +
                $"Run 'mx generate {missing[0]}' first.");
    }

    // A plugin's code is not mx's: whatever it throws is reported as the plugin's failure, and nothing is written.
    private T RunGeneratorCode<T>(IGenerator generator, string step, Func<T> code)
    {
        if (catalog.IsBuiltIn(generator)) return code();
        try
        {
            return code();
        }
        catch (Exception e) when (e is not MxException)
        {
            throw new MxException(
                $"Generator {generator.Name} from plugin {catalog.SourceOf(generator)} failed while {step}: {e.Message} " +
                "Nothing was written. Report this to the plugin's authors, or remove the plugin with 'mx plugin remove'.", ExitCode.BadInput, e);
        }
    }

    private static ProjectState NextState(ProjectState state, IGenerator generator, string source, Answers answers, Plan plan, IReadOnlyList<FileChange> changes)
    {
        var files = new Dictionary<string, string>(state.Files, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            // A file mx no longer writes leaves state whatever became of it; every other file records mx's render as
            // the base of the next merge, whether the user's version or a merge is what stays on disk.
            if (change.Planned is null) files.Remove(change.Path);
            else files[change.Path] = ContentHash.Of(change.Planned);
        }
        // Re-applying a generator updates its entry where it stands, so state keeps the order generators were first applied in.
        var entry = new AppliedGenerator(generator.Name, generator.Version, source) { MxVersion = MxVersion };
        var applied = generator is CommandPlan ? state.Generators
            : state.HasApplied(generator.Name)
            ? state.Generators.Select(g => g.Name == generator.Name ? entry : g).ToArray()
            : [.. state.Generators, entry];
        return state with
        {
            MxVersion = MxVersion,
            Answers = state.Answers.WithAll(answers),
            Generators = applied,
            Files = files,
            Deployments = state.Deployments.Union(plan.Deployments).Order(StringComparer.Ordinal).ToArray(),
        };
    }

    // Every recorded file keeps its base: the new render for the files of this plan, the old snapshot's entry
    // (while it still matches the recorded hash) for the rest.
    private static Dictionary<string, string> NextBases(ProjectState state, IReadOnlyDictionary<string, string> bases, ProjectState newState,
        IReadOnlyList<FileChange> changes)
    {
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, hash) in newState.Files)
            if (bases.TryGetValue(path, out var content) && state.Files.TryGetValue(path, out var old) && old == hash && ContentHash.Of(content) == hash)
                next[path] = content;
        foreach (var change in changes)
            if (change.Planned is not null && newState.Files.ContainsKey(change.Path)) next[change.Path] = change.Planned;
        return next;
    }

    // The user's versions of the files a run overwrites are kept under one directory per run.
    private static string? BackupDirectory(IEnumerable<FileChange> changes) =>
        changes.Any(c => c.OverwritesUserWork) ? $".mx/backup/{DateTime.UtcNow:yyyyMMdd-HHmmss}" : null;

    private static bool SameBases(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Count == after.Count && after.All(e => before.TryGetValue(e.Key, out var content) && content == e.Value);

    private static void Write(string root, IReadOnlyList<FileChange> changes, ProjectState newState, IReadOnlyDictionary<string, string> bases, string? backup)
    {
        if (!Directory.Exists(root)) PlanApplier.Create(root, changes, newState, bases);
        else PlanApplier.Apply(root, changes, newState, bases, backup);
    }
}
