using Mx.Tests.Support;
using System.Diagnostics;
using k8s;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Generated;

/// <summary>Every generated file is valid for the tool that will read it, checked against the real schemas.</summary>
public abstract class GeneratedFilesAreValid(GeneratedProject project)
{
    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || Path.GetFileName(path) == "MLproject";

    private static bool IsKubernetesManifest(string path) =>
        path.StartsWith("infra/k8s/", StringComparison.Ordinal) && path.EndsWith(".yaml", StringComparison.Ordinal) && Path.GetFileName(path) != "kustomization.yaml";

    [Fact]
    public void Every_yaml_file_parses()
    {
        var yamlFiles = project.Matching(IsYaml).ToArray();
        Assert.True(yamlFiles.Length >= 15, $"only {yamlFiles.Length} YAML files were generated");
        foreach (var (path, text) in yamlFiles)
        {
            var exception = Record.Exception(() => new YamlStream().Load(new StringReader(text)));
            Assert.True(exception is null, $"{path} does not parse: {exception?.Message}");
        }
    }

    [Fact]
    public void Every_kubernetes_object_deserialises_strictly_into_the_api_models()
    {
        var manifests = project.Matching(IsKubernetesManifest).ToArray();
        Assert.NotEmpty(manifests);
        foreach (var (path, text) in manifests)
        {
            var objects = Record.Exception(() => Assert.All(KubernetesYaml.LoadAllFromString(text, strict: true), o => Assert.IsAssignableFrom<IKubernetesObject>(o)));
            Assert.True(objects is null, $"{path} is not a valid Kubernetes object: {objects?.Message}");
        }
    }

    [Fact]
    public void The_kustomization_lists_exactly_the_manifests_of_its_directory()
    {
        var kustomization = (YamlMappingNode)Load(project.Files["infra/k8s/training-infra/kustomization.yaml"]);
        var listed = ((YamlSequenceNode)kustomization["resources"]).Select(n => "infra/k8s/training-infra/" + n).Order();
        var present = project.Matching(p => p.StartsWith("infra/k8s/training-infra/", StringComparison.Ordinal) && IsKubernetesManifest(p)).Select(f => f.Key).Order();
        Assert.Equal(present, listed);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void Every_pulumi_resource_type_property_and_reference_exists_in_the_provider_schemas(string stack)
    {
        var folder = $"infra/pulumi/{stack}/";
        var projectFile = (YamlMappingNode)Load(project.Files[folder + "Pulumi.yaml"]);
        Assert.Equal("yaml", projectFile["runtime"].ToString());
        var problems = PulumiProgramValidator.ValidateStack(project.Files[folder + "Main.yaml"], project.Files[folder + "Pulumi.yaml"]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_platform_program_deploys_every_enabled_deployment_from_its_kustomize_directory()
    {
        var program = (YamlMappingNode)Load(project.Files["infra/pulumi/platform/Main.yaml"]);
        var resources = (YamlMappingNode)program["resources"];
        var deployment = (YamlMappingNode)resources["training-infra"];
        Assert.Equal("kubernetes:kustomize/v2:Directory", deployment["type"].ToString());
        var directory = ((YamlMappingNode)deployment["properties"])["directory"].ToString();
        var resolved = Path.GetFullPath(Path.Combine(project.Root, "infra/pulumi/platform", directory));
        Assert.Equal(Path.Combine(project.Root, "infra", "k8s", "training-infra"), resolved);
    }

    [Fact]
    public void The_job_template_stops_after_the_job_deadline_answer()
    {
        var job = KubernetesYaml.Deserialize<k8s.Models.V1Job>(project.Files["infra/k8s/jobs/train_job.yaml"], strict: true);

        Assert.Equal(72 * 3600, job.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Every_bucket_outlives_the_stack_with_its_objects()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(project.Files["infra/pulumi/cluster/Main.yaml"]))["resources"];
        var buckets = resources.Where(r => ((YamlMappingNode)r.Value)["type"].ToString() == "gcp:storage:Bucket").ToArray();

        Assert.Equal(["artifactsBucket", "dataBucket", "stateBucket"], buckets.Select(b => b.Key.ToString()).Order());
        foreach (var (name, resource) in buckets)
        {
            var options = ((YamlMappingNode)resource).Children.TryGetValue(new YamlScalarNode("options"), out var o) ? (YamlMappingNode)o : new YamlMappingNode();
            Assert.True(options.Children.TryGetValue(new YamlScalarNode("protect"), out var protect) && protect.ToString() == "true", $"{name} is not protected");
            Assert.True(options.Children.TryGetValue(new YamlScalarNode("retainOnDelete"), out var retain) && retain.ToString() == "true", $"{name} is not retained on delete");
        }
    }

    [Fact]
    public void Every_generated_python_file_compiles()
    {
        var pythonFiles = project.Matching(p => p.EndsWith(".py", StringComparison.Ordinal)).Select(f => Path.Combine(project.Root, f.Key)).ToArray();
        Assert.True(pythonFiles.Length >= 5);
        var (exitCode, errors) = PythonCompiler.Compile(pythonFiles);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public void The_pyproject_is_valid_toml_with_the_lint_configuration()
    {
        var check = "import sys, tomllib; d = tomllib.load(open(sys.argv[1], 'rb')); assert 'ruff' in d['tool'], 'no [tool.ruff]'; print(d['project']['name'])";
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", check, Path.Combine(project.Root, "pyproject.toml") }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        Assert.Equal("acme-vision", output.Trim());
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}

public class GeneratedFilesAreValidSpecs(GeneratedProject project) : GeneratedFilesAreValid(project), IClassFixture<GeneratedProject>;

public class CloudSqlFilesAreValidSpecs(CloudSqlGeneratedProject project) : GeneratedFilesAreValid(project), IClassFixture<CloudSqlGeneratedProject>;
