using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Support;
using Mx.Tests.Validation;

namespace Mx.Tests.Generated;

/// <summary>
/// Pulumi evaluates every <c>${...}</c> in a program's strings, so an answer that carries one past validation would
/// read a secret or another resource's output at deploy time. Every string answer of every built-in generator that
/// writes a Pulumi program is tried with interpolations in it: whatever validation lets through must come out
/// as literal text, leaving the program's interpolations exactly those of the template.
/// </summary>
public class PulumiInterpolationSpecs
{
    private const string Injection = "${mlflowDatabasePassword.result}";

    private static readonly Answers Base = Answers.Empty
        .With("project_name", "acme-vision").With("gcp_project", "acme-vision-prod").With("mlflow_database", "cloud-sql");

    [Fact]
    public void No_string_answer_adds_an_interpolation_to_a_pulumi_program()
    {
        var skeleton = BuiltInGenerators.All.Single(g => g.Name == "MLProjectSkeleton");
        var injected = 0;
        foreach (var generator in BuiltInGenerators.All.Where(g => g.Writes.Any(w => w.StartsWith("infra/pulumi/", StringComparison.Ordinal))))
        {
            var defaults = new AnswerResolver(prompter: null).Resolve(
                [.. skeleton.Parameters, .. generator.Parameters.Where(p => skeleton.Parameters.All(s => s.Key != p.Key))], Base, Answers.Empty, Answers.Empty);
            foreach (var parameter in generator.Parameters.Where(p => p.Type is ParameterType.String or ParameterType.StringList))
            {
                foreach (var candidate in Candidates(parameter, defaults))
                {
                    if (parameter.Validate?.Invoke(candidate, defaults) is not null) continue;
                    injected++;
                    // The same answer with every '$' turned into a letter renders the same resources, so any
                    // interpolation the injected answer adds shows as a difference.
                    var neutral = candidate is string text ? (object)text.Replace('$', 's') : ((string[])candidate).Select(e => e.Replace('$', 's')).ToArray();
                    var expected = Programs(generator, skeleton, parameter.Key, neutral);
                    foreach (var (path, program) in Programs(generator, skeleton, parameter.Key, candidate))
                    {
                        Assert.True(Interpolations(expected[path]).SequenceEqual(Interpolations(program)),
                            $"{generator.Name} --{parameter.OptionName} '{Answers.Format(candidate)}' changed the interpolations of {path}");
                        // Read without the stack's config, both report the same config references; nothing more.
                        Assert.Equal(References(expected[path]), References(program));
                    }
                }
            }
        }
        // engineers' local parts may hold '$', '{' and '}', so at least that answer must have been tried.
        Assert.True(injected > 0, "validation refused every injected value, so nothing was checked");
    }

    private static IEnumerable<object> Candidates(Parameter parameter, Answers defaults)
    {
        if (parameter.Type == ParameterType.StringList)
        {
            yield return new[] { $"{Injection}@acme.ai" };
            yield return new[] { "ada@acme.ai", $"a{Injection}b@acme.ai" };
            yield return new[] { "$${x}@acme.ai" };
            yield break;
        }
        var usual = defaults.TryGetValue(parameter.Key, out var value) ? Answers.Format(value) : "acme";
        yield return Injection;
        yield return usual + Injection;
        yield return Injection + usual;
        yield return usual.Length > 1 ? usual[..1] + Injection + usual[1..] : usual + Injection;
    }

    // Path → text of every Pulumi program (infra/pulumi/*/Main.yaml) after the skeleton and then the generator,
    // with the answer given to whichever of them asks for it.
    private static Dictionary<string, string> Programs(IGenerator generator, IGenerator skeleton, string key, object answer)
    {
        using var dir = new TempDirectory();
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        var onSkeleton = skeleton.Parameters.Any(p => p.Key == key);
        var root = service.Generate(new GenerateRequest(skeleton.Name, dir.Path) { Flags = onSkeleton ? Base.With(key, answer) : Base }).Root;
        if (generator != skeleton)
            service.Generate(new GenerateRequest(generator.Name, root) { Flags = onSkeleton ? Answers.Empty : Answers.Empty.With(key, answer) });
        return Directory.EnumerateFiles(Path.Combine(root, "infra", "pulumi"), "Main.yaml", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(root, p), File.ReadAllText);
    }

    private static List<string> References(string program) =>
        PulumiProgramValidator.Validate(program).Where(p => p.Contains("refers to", StringComparison.Ordinal)).ToList();

    // Comments are not evaluated, so an answer may stand there as it is.
    private static List<string> Interpolations(string program) =>
        program.Split('\n').Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => PulumiPropertyAccess.FindAll(line, out _) ?? []).Select(a => a.Text).ToList();
}
