using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using NJsonSchema;

namespace Mx.Tests.CloudBuild;

/// <summary>What CloudBuild writes, read from its golden sample: valid for Cloud Build, Pulumi, Sphinx and mx lint.</summary>
public partial class CloudBuildValiditySpecs
{
    private static string Sample => Path.Combine(Repository.Samples, "acme-vision-cloudbuild");

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    private static readonly Lazy<JsonSchema> BuildSchema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "cloudbuild-build.schema.json")).GetAwaiter().GetResult());

    private static IReadOnlyList<string> Validate(JsonNode build) => BuildSchema.Value.Validate(build.ToJsonString()).SelectMany(Flatten).ToArray();

    // An error inside an array item or a nested object is reported by NJsonSchema as its parent's, with the cause inside.
    private static IEnumerable<string> Flatten(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
            : [$"{error.Path}: {error.Kind}"];

    private static JsonNode Build() => YamlJson.LoadAll(Read("cloudbuild.yaml")).Single()!;

    [Fact]
    public void Cloudbuild_yaml_validates_against_the_documented_build_schema()
    {
        var problems = Validate(Build());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_schema_refuses_an_unknown_key_and_a_step_field_of_the_wrong_type()
    {
        var unknownTop = Build();
        unknownTop["image"] = "typo-of-images";
        var unknownStep = Build();
        unknownStep["steps"]![0]!["argz"] = new JsonArray("x");
        var untypedArgs = Build();
        untypedArgs["steps"]![0]!["args"] = "docker pull";
        var badLogging = Build();
        badLogging["options"]!["logging"] = "CLOUD_LOGGING";

        Assert.Contains(Validate(unknownTop), p => p.Contains("NoAdditionalPropertiesAllowed"));
        Assert.Contains(Validate(unknownStep), p => p.Contains("NoAdditionalPropertiesAllowed"));
        Assert.Contains(Validate(untypedArgs), p => p.Contains("ArrayExpected"));
        Assert.NotEmpty(Validate(badLogging));
    }

    // Cloud Build refuses a build whose $NAME is neither a built-in substitution nor a declared one, and every
    // user substitution must be used (MUST_MATCH); a '$' for the shell must be written '$$'.
    [Fact]
    public void Every_substitution_the_steps_use_is_declared_or_built_in_and_every_declared_one_is_used()
    {
        var build = Build();
        var declared = build["substitutions"]!.AsObject().Select(p => p.Key).ToHashSet();
        var text = string.Join("\n", build["steps"]!.AsArray().SelectMany(s => new[] { s!["name"]!.GetValue<string>() }
            .Concat(s["args"]?.AsArray().Select(a => a!.GetValue<string>()) ?? [])));
        // A script is not substituted: it reads substitutions as environment variables, which automapSubstitutions sets.
        var scripts = build["steps"]!.AsArray().Where(s => s!["script"] is not null).ToArray();
        Assert.All(scripts, s => Assert.True(s!["automapSubstitutions"]?.GetValue<bool>() == true, $"{s!["id"]} reads substitutions without automapSubstitutions"));
        text += string.Join("\n", scripts.Select(s => s!["script"]!.GetValue<string>()));
        var used = Substitution().Matches(text.Replace("$$", "")).Select(m => m.Groups["name"].Value).ToHashSet();

        Assert.Empty(used.Except(declared).Except(["COMMIT_SHA", "PROJECT_ID", "SHORT_SHA", "BRANCH_NAME", "BUILD_ID"]));
        Assert.Empty(declared.Except(used));
    }

    [Fact]
    public void Pull_requests_check_and_only_the_main_branch_publishes()
    {
        var steps = Build()["steps"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(),
            s => s!["script"]?.GetValue<string>() ?? string.Join(" ", s["args"]!.AsArray().Select(a => a!.GetValue<string>())));

        Assert.Contains("--cache-from $_CACHE:main --tag $_IMAGE:$COMMIT_SHA", steps["build-image"]);
        Assert.Contains("python -m pytest", steps["test"]);
        Assert.Contains("dotnet tool install mx --version 0.1.0", steps["lint"]);
        Assert.Contains("mx lint --format sarif", steps["lint"]);
        Assert.Contains("python -m sphinx -W --keep-going -b html docs docs/_build/html", steps["docs"]);
        foreach (var publish in new[] { "publish-image", "publish-docs" })
            Assert.StartsWith("-c [ \"$_PUBLISH\" != true ] ||", steps[publish]);
        Assert.Contains("\n[ \"$_PUBLISH\" = true ] || exit 0\n", steps["publish-package"]);
        Assert.Contains("pip download --quiet --no-deps --dest /tmp/published --index-url \"${_PYTHON_REPOSITORY}simple/\" \"acme-vision==$version\"", steps["publish-package"]);
        Assert.Contains("twine upload --non-interactive --repository-url \"$_PYTHON_REPOSITORY\" /tmp/dist/*", steps["publish-package"]);
        Assert.Contains("keyrings.google-artifactregistry-auth", steps["publish-package"]);
        Assert.Contains("gs://$_DOCS_BUCKET", steps["publish-docs"]);
    }

    [Fact]
    public void Every_shell_command_of_the_steps_is_valid_bash()
    {
        var build = Build();
        var commands = build["steps"]!.AsArray().Select(s => s!["script"]?.GetValue<string>()
            ?? (s["entrypoint"]?.GetValue<string>() == "bash" ? s["args"]![1]!.GetValue<string>().Replace("$$", "$") : null)).OfType<string>().ToArray();

        Assert.True(commands.Length >= 6);
        foreach (var command in commands)
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true };
            using var bash = System.Diagnostics.Process.Start(start)!;
            bash.StandardInput.Write(command);
            bash.StandardInput.Close();
            var error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"{command}\n{error}");
        }
    }

    [Fact]
    public void The_cluster_program_validates_against_the_pulumi_gcp_schema()
    {
        var projectFile = YamlJson.LoadAll(Read("infra/pulumi/cluster/Pulumi.yaml")).Single()!;
        var config = projectFile["config"]?.AsObject().Select(p => p.Key) ?? [];

        var problems = PulumiProgramValidator.Validate(Read("infra/pulumi/cluster/Main.yaml"), config, projectFile["name"]!.GetValue<string>());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_docs_bucket_is_private_and_the_pull_request_account_can_publish_nothing()
    {
        var program = YamlJson.LoadAll(Read("infra/pulumi/cluster/Main.yaml")).Single()!["resources"]!.AsObject();
        var bucket = program["cloudBuildDocsBucket"]!["properties"]!;
        string[] RolesOf(string account) => program
            .Where(r => r.Value!["properties"]?["member"]?.GetValue<string>() == $"serviceAccount:${{{account}.email}}")
            .Select(r => r.Value!["properties"]!["role"]!.GetValue<string>()).Order().ToArray();

        Assert.Equal("enforced", bucket["publicAccessPrevention"]!.GetValue<string>());
        Assert.True(bucket["uniformBucketLevelAccess"]!.GetValue<bool>());
        Assert.DoesNotContain(program, r => r.Value!["properties"]?["member"]?.GetValue<string>() is "allUsers" or "allAuthenticatedUsers");
        Assert.Equal(["roles/artifactregistry.reader", "roles/logging.logWriter"], RolesOf("cloudBuildCheckAccount"));
        Assert.Equal(["roles/artifactregistry.writer", "roles/artifactregistry.writer", "roles/artifactregistry.writer", "roles/logging.logWriter", "roles/storage.objectAdmin"],
            RolesOf("cloudBuildReleaseAccount"));
        Assert.Equal("${cloudBuildCheckAccount.id}", program["cloudBuildPullRequests"]!["properties"]!["serviceAccount"]!.GetValue<string>());
        Assert.Equal("${cloudBuildReleaseAccount.id}", program["cloudBuildMain"]!["properties"]!["serviceAccount"]!.GetValue<string>());
    }

    [Fact]
    public void The_sample_lints_clean()
    {
        using var dir = new TempDirectory();
        var project = Copy(dir);

        var result = MxProcess.Run(project, "lint", "--no-cache");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("0 errors, 0 warnings", result.Output);
    }

    [Fact]
    public void The_samples_docs_with_the_ci_page_build_without_a_warning()
    {
        using var dir = new TempDirectory();
        var project = Copy(dir);

        var result = MxProcess.Run(project, new Dictionary<string, string> { ["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH"), ["PYTHONDONTWRITEBYTECODE"] = "1" },
            "docs", "build");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(File.Exists(Path.Combine(project, "docs", "_build", "html", "ci.html")));
    }

    private static string Copy(TempDirectory dir) => DirectoryCopy.Copy(Sample, dir.Combine("acme-vision"));

    [GeneratedRegex(@"\$\{?(?<name>[A-Z_][A-Z0-9_]*)")]
    private static partial Regex Substitution();
}
