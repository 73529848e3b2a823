using System.Reflection;

namespace Mx.Generators;

/// <summary>
/// Runs a generator against a project: resolve answers, plan, compare with the working tree, then (unless it is
/// a dry run or the user's files are in the way) apply atomically and record the new state.
/// </summary>
public sealed class GenerationService(GeneratorCatalog catalog, IAnswerPrompter? prompter)
{
    public static string MxVersion { get; } =
        typeof(GenerationService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public GenerateOutcome Generate(GenerateRequest request)
    {
        var generator = catalog.Get(request.Generator);
        var fileAnswers = request.AnswersFile is null ? Answers.Empty : AnswersFile.Load(request.AnswersFile);
        var resolver = new AnswerResolver(prompter);

        var (root, flags) = Root(generator, request, fileAnswers, resolver);
        var state = LoadProject(root, request.Output is not null);
        CheckRequirements(generator, state);
        var answers = RunGeneratorCode(generator, "resolving its answers", () => resolver.Resolve(generator.Parameters, flags, fileAnswers, state.Answers));

        var plan = RunGeneratorCode(generator, "planning", () => generator.Plan(new GeneratorContext(answers, state)));
        var changes = ChangePlanner.Compare(root, plan, state, state.HasApplied(generator.Name) ? generator.Writes : null);
        var blocked = changes.Any(c => c.Kind == ChangeKind.Conflict) && !request.Force;
        if (request.DryRun || blocked) return new GenerateOutcome(root, generator, changes, Written: false);

        var newState = NextState(state, generator, catalog.SourceOf(generator), answers, plan, changes);
        var stateChanged = StateFile.Serialize(newState) != StateFile.Serialize(state);
        if (changes.All(c => c.Kind == ChangeKind.Unchanged) && !stateChanged)
            return new GenerateOutcome(root, generator, changes, Written: false);
        Write(root, changes, newState);
        return new GenerateOutcome(root, generator, changes, Written: true);
    }

    // A project-creating generator writes to ./<project_name> unless run inside a project or given --output.
    // The name answer it needed to find the directory is returned with the flags, so it is not asked twice.
    private static (string Root, Answers Flags) Root(IGenerator generator, GenerateRequest request, Answers fileAnswers, AnswerResolver resolver)
    {
        if (request.Output is not null) return (Path.GetFullPath(request.Output, request.WorkingDirectory), request.Flags);
        var enclosing = ProjectPaths.FindProjectRoot(request.WorkingDirectory);
        if (enclosing is not null) return (enclosing, request.Flags);
        if (!generator.CreatesProject)
            throw new MxException(
                $"{request.WorkingDirectory} is not inside an mx project (no {StateFile.RelativePath} here or above), and " +
                $"{generator.Name} adds to an existing project. cd into the project, or create one first with 'mx generate MLProjectSkeleton'.");
        var nameParameter = generator.Parameters[0];
        var name = resolver.Resolve([nameParameter], request.Flags, fileAnswers, Answers.Empty).GetString(nameParameter.Key);
        return (Path.Combine(request.WorkingDirectory, name), request.Flags.With(nameParameter.Key, name));
    }

    private static ProjectState LoadProject(string root, bool explicitOutput)
    {
        if (File.Exists(root))
            throw new MxException($"{root} is a file, not a directory. Choose another --output.");
        var state = StateFile.Load(root);
        if (state is null && Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new MxException(
                $"{root} is not empty and is not an mx project (it has no {StateFile.RelativePath}); mx will not mix generated files into it. " +
                (explicitOutput ? "Choose an empty or new directory with --output." : "Choose another --name, or an empty directory with --output."));
        return state ?? ProjectState.Empty;
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
            if (change.Planned is null) files.Remove(change.Path);
            else files[change.Path] = ContentHash.Of(change.Planned);
        }
        // Re-applying a generator updates its entry where it stands, so state keeps the order generators were first applied in.
        var entry = new AppliedGenerator(generator.Name, generator.Version, source);
        var applied = state.HasApplied(generator.Name)
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

    private static void Write(string root, IReadOnlyList<FileChange> changes, ProjectState newState)
    {
        if (!Directory.Exists(root))
        {
            PlanApplier.Create(root, changes, newState);
            return;
        }
        try
        {
            using (ProjectLock.Acquire(root)) PlanApplier.Apply(root, changes, newState);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx cannot write to {root}: {e.Message} Nothing was changed. Check the directory's permissions or choose another --output.",
                ExitCode.BadInput, e);
        }
    }
}
