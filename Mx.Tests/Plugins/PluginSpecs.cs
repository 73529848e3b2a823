using Mx.Plugins;
using Mx.Tests.Cli;
using Mx.Tests.Support;
using Mx.Tests.Validation;

namespace Mx.Tests.Plugins;

/// <summary>Plugins end to end: packed to a feed, installed with the built mx, generated with, tampered with, removed.</summary>
public class PluginSpecs(PluginFeed feed) : IClassFixture<PluginFeed>
{
    private sealed class Project : IDisposable
    {
        private readonly CliScenario _scenario = new();

        public Project(PluginFeed feed)
        {
            Home = feed.Scratch("home-" + Guid.NewGuid().ToString("N")[..8]);
            var created = _scenario.Mx(CliScenario.AcmeVision);
            Assert.True(created.ExitCode == 0, created.All);
        }

        public string Home { get; }

        public string Root => _scenario.Project;

        public MxProcess.Result Mx(params string[] args) => MxProcess.Run(Root, new Dictionary<string, string> { ["MX_HOME"] = Home }, args);

        public SortedDictionary<string, string> Tree() => DirectorySnapshot.Read(Path.GetDirectoryName(Root)!);

        public string State => File.ReadAllText(Path.Combine(Root, ".mx", "state.yaml"));

        public void Dispose() => _scenario.Dispose();
    }

    [Fact]
    public void A_plugin_is_installed_pinned_used_refused_when_tampered_restored_and_removed()
    {
        using var project = new Project(feed);

        var untrusted = project.Mx("plugin", "add", "Acme.Mx.Generators", "--source", feed.Feed, "--no-input");
        CliScenario.AssertBadInput(untrusted, "not one of this project's trusted plugin sources", "--trust");
        Assert.DoesNotContain("plugins:", project.State);

        var added = project.Mx("plugin", "add", "Acme.Mx.Generators", "--source", feed.Feed, "--no-input", "--trust");
        Assert.True(added.ExitCode == 0, added.All);
        Assert.Contains("DataflowPipeline", added.Output);
        var package = File.ReadAllBytes(Path.Combine(feed.Feed, "Acme.Mx.Generators.1.0.0.nupkg"));
        Assert.Contains($"sha512: {PackageHash.Of(package)}", project.State);
        Assert.Contains("id: Acme.Mx.Generators", project.State);
        Assert.Contains($"- {Path.GetRelativePath(project.Root, feed.Feed)}", project.State);

        var list = project.Mx("list");
        Assert.Matches(@"DataflowPipeline\s+Acme\.Mx\.Generators\s+An Apache Beam", list.Output);
        Assert.Contains("--dataflow-max-workers", project.Mx("describe", "DataflowPipeline").Output);

        var before = DirectorySnapshot.Read(project.Root);
        var generated = project.Mx("generate", "DataflowPipeline", "--no-input");
        Assert.True(generated.ExitCode == 0, generated.All);
        var after = DirectorySnapshot.Read(project.Root);
        var added_files = after.Where(f => !before.ContainsKey(f.Key)).ToDictionary();
        using (var golden = new TempDirectory())
        {
            foreach (var (path, text) in added_files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(golden.Combine(path))!);
                File.WriteAllText(golden.Combine(path), text);
            }
            GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-dataflow"), golden.Path);
        }
        Assert.Empty(PulumiProgramValidator.Validate(after["infra/pulumi/dataflow-etl/Main.yaml"], projectName: "acme-vision-dataflow-etl"));
        Assert.Contains("source: Acme.Mx.Generators", project.State);

        var cached = Path.Combine(project.Home, "plugins", "acme.mx.generators", "1.0.0", "acme.mx.generators.1.0.0.nupkg");
        File.AppendAllText(cached, "tampered");
        var treeBeforeRefusal = project.Tree();
        CliScenario.AssertBadInput(project.Mx("generate", "DataflowPipeline", "--no-input", "--pipeline-name", "other"),
            "does not match the hash pinned", "mx plugin restore");
        Assert.Equal(treeBeforeRefusal, project.Tree());

        var restored = project.Mx("plugin", "restore");
        Assert.True(restored.ExitCode == 0, restored.All);
        Assert.Equal(package, File.ReadAllBytes(cached));
        Assert.Contains("Nothing to change", project.Mx("generate", "DataflowPipeline", "--no-input").Output);

        var removed = project.Mx("plugin", "remove", "Acme.Mx.Generators");
        Assert.True(removed.ExitCode == 0, removed.All);
        Assert.DoesNotContain("DataflowPipeline", project.Mx("list").Output);
        Assert.DoesNotContain("id: Acme.Mx.Generators", project.State);
    }

    [Fact]
    public void A_plugin_that_throws_is_reported_by_name_and_writes_nothing()
    {
        using var project = new Project(feed);
        Assert.Equal(0, project.Mx("plugin", "add", "Misbehaving.Mx.Generators", "--source", feed.Feed, "--trust", "--no-input").ExitCode);
        var before = project.Tree();
        CliScenario.AssertBadInput(project.Mx("generate", "Throwing", "--no-input"),
            "Generator Throwing from plugin Misbehaving.Mx.Generators failed", "the example service is unreachable");
        Assert.Equal(before, project.Tree());
    }

    [Fact]
    public void A_plugin_that_writes_outside_the_project_is_refused_and_writes_nothing()
    {
        using var project = new Project(feed);
        Assert.Equal(0, project.Mx("plugin", "add", "Misbehaving.Mx.Generators", "--source", feed.Feed, "--trust", "--no-input").ExitCode);
        var before = project.Tree();
        CliScenario.AssertBadInput(project.Mx("generate", "Escaping", "--no-input"), "'../outside.txt', which is outside the project root");
        Assert.Equal(before, project.Tree());
    }

    [Fact]
    public void A_plugin_built_against_another_sdk_major_version_is_refused_naming_both()
    {
        using var project = new Project(feed);
        var state = project.State;
        var result = project.Mx("plugin", "add", "WrongSdk.Mx.Generators", "--source", feed.WrongSdkFeed, "--trust", "--no-input");
        CliScenario.AssertBadInput(result, "built against the mx generator SDK 9.0.0", "provides SDK 0.1.0");
        Assert.Equal(state, project.State);
    }

    [Fact]
    public void An_unknown_package_id_names_the_feeds_searched()
    {
        using var project = new Project(feed);
        var state = project.State;
        CliScenario.AssertBadInput(project.Mx("plugin", "add", "No.Such.Plugin", "--source", feed.Feed, "--trust", "--no-input"),
            "No package named No.Such.Plugin was found on " + feed.Feed);
        Assert.Equal(state, project.State);
    }

    [Fact]
    public void The_scaffolded_plugin_project_builds_tests_packs_and_runs_in_mx()
    {
        var workspace = feed.Scratch("scaffold-" + Guid.NewGuid().ToString("N")[..8]);
        var scaffold = MxProcess.Run(workspace, "generate", "GeneratorPlugin", "--name", "Acme.Widgets", "--no-input");
        Assert.True(scaffold.ExitCode == 0, scaffold.All);
        var plugin = Path.Combine(workspace, "Acme.Widgets");
        var sdk = MxProcess.Run(plugin, "plugin", "sdk", "--output", "sdk");
        Assert.True(sdk.ExitCode == 0, sdk.All);
        Assert.Contains("Wrote the mx generator SDK 0.1.0 to sdk", sdk.Output);

        var packages = feed.DotnetOffline(plugin, "test", Path.Combine("tests", "Acme.Widgets.Tests"));
        Assert.True(File.Exists(Path.Combine(packages, "mx.generators", "0.1.0", "mx.generators.0.1.0.nupkg")),
            "Mx.Generators 0.1.0 was not restored from the plugin's ./sdk feed");
        var output = Path.Combine(workspace, "out");
        feed.DotnetOffline(plugin, "pack", "-c", "Release", "-o", output);

        using var project = new Project(feed);
        var added = project.Mx("plugin", "add", "Acme.Widgets", "--source", output, "--trust", "--no-input");
        Assert.True(added.ExitCode == 0, added.All);
        var generated = project.Mx("generate", "AcmeWidgetsDocs", "--team-name", "vision", "--no-input");
        Assert.True(generated.ExitCode == 0, generated.All);
        Assert.Contains("acme-vision is owned by **vision**", File.ReadAllText(Path.Combine(project.Root, "docs", "acme-widgets.md")));
    }

    [Fact]
    public void Building_plugins_leaves_no_sdk_build_in_the_users_nuget_cache()
    {
        foreach (var package in new[] { "mx.generators", "mx.templates" })
            Assert.False(Directory.Exists(Path.Combine(DotnetCli.UserPackagesFolder, package, feed.SdkVersion)),
                $"{package} {feed.SdkVersion} was restored into {DotnetCli.UserPackagesFolder}");
    }

    [Fact]
    public void A_folder_source_is_pinned_relative_to_the_project_and_restores_from_anywhere_in_it()
    {
        using var project = new Project(feed);
        var vendor = Directory.CreateDirectory(Path.Combine(project.Root, "vendor")).FullName;
        File.Copy(Path.Combine(feed.Feed, "Acme.Mx.Generators.1.0.0.nupkg"), Path.Combine(vendor, "Acme.Mx.Generators.1.0.0.nupkg"));

        var added = project.Mx("plugin", "add", "Acme.Mx.Generators", "--source", "./vendor", "--trust", "--no-input");
        Assert.True(added.ExitCode == 0, added.All);
        Assert.Contains("source: ./vendor\n", project.State);
        Assert.Contains("- ./vendor\n", project.State);
        Assert.DoesNotContain(project.Root, project.State);

        Directory.Delete(Path.Combine(project.Home, "plugins"), recursive: true);
        var restored = MxProcess.Run(Path.Combine(project.Root, "src"), new Dictionary<string, string> { ["MX_HOME"] = project.Home }, "plugin", "restore");
        Assert.True(restored.ExitCode == 0, restored.All);
        Assert.Contains("Restored 1 plugin(s)", restored.Output);
    }

    [Fact]
    public void A_missing_plugin_stops_only_the_commands_that_need_it()
    {
        using var project = new Project(feed);
        Assert.Equal(0, project.Mx("plugin", "add", "Acme.Mx.Generators", "--source", feed.Feed, "--trust", "--no-input").ExitCode);
        Directory.Delete(Path.Combine(project.Home, "plugins"), recursive: true);

        var list = project.Mx("list");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("MLProjectSkeleton", list.Output);
        Assert.Contains("warning: plugin Acme.Mx.Generators 1.0.0 did not load", list.Error);
        Assert.Contains("mx plugin restore", list.Error);
        var dryRun = project.Mx("generate", "MLProjectSkeleton", "--dry-run", "--no-input");
        Assert.True(dryRun.ExitCode == 0, dryRun.All);

        var before = project.Tree();
        CliScenario.AssertBadInput(project.Mx("generate", "DataflowPipeline", "--no-input"),
            "not installed on this machine", "mx plugin restore");
        Assert.Equal(before, project.Tree());
    }
}
