using Mx.Generators;

namespace Mx.Tests.Engine;

public class StateFileSpecs
{
    [Fact]
    public void State_reads_back_exactly_as_it_was_written()
    {
        var state = new ProjectState
        {
            MxVersion = "1.2.3",
            Answers = Answers.Empty.With("project_name", "demo").With("gpu_count", 2).With("python_version", "3.10")
                .With("engineers", new[] { "a@b.io" }).With("yes_like", "yes"),
            Generators = [new AppliedGenerator("MLProjectSkeleton", "1.0.0", "builtin")],
            Files = new SortedDictionary<string, string> { ["README.md"] = ContentHash.Of("hello") },
            Deployments = ["training-infra"],
            Plugins = [new PluginPin("Acme.Mx.Generators", "1.0.0", "sha512-abc", "/feeds/acme")],
            TrustedSources = ["/feeds/acme"],
            Infra = new InfraSettings
            {
                Backend = "gs://acme-state", Stack = "dev",
                Outputs = new SortedDictionary<string, string> { ["cluster.clusterName"] = "acme" },
            },
        };
        var text = StateFile.Serialize(state);
        var read = StateFile.Parse(text);
        Assert.Equal(text, StateFile.Serialize(read));
        Assert.Equal("3.10", read.Answers["python_version"]);
        Assert.Equal("yes", read.Answers["yes_like"]);
        Assert.Equal(2L, read.Answers["gpu_count"]);
        Assert.Equal(state.Plugins, read.Plugins);
        Assert.Equal("acme", read.Infra.Outputs["cluster.clusterName"]);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData(".inf")]
    [InlineData("12:30")]
    [InlineData("3.11")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("value #not-a-comment")]
    [InlineData("- item")]
    [InlineData("[x]")]
    [InlineData("{x}")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("'quoted'")]
    [InlineData("trailing ")]
    [InlineData("ends:")]
    [InlineData("multi\nline")]
    [InlineData("gs://bucket/path")]
    [InlineData("sha256:abc")]
    public void Every_string_answer_reads_back_as_the_same_string(string value)
    {
        var state = new ProjectState { Answers = Answers.Empty.With("tricky", value).With("list", new[] { value }) };
        var read = StateFile.Parse(StateFile.Serialize(state));
        Assert.Equal(value, read.Answers["tricky"]);
        Assert.Equal([value], (IReadOnlyList<string>)read.Answers["list"]);
    }

    [Theory]
    [InlineData("schema: 1\nanswers: [oops\n", "(3,1)")]
    [InlineData("schema: 1\nanswers:\n  region:\n    nested: map\n", "(4,5)")]
    [InlineData("schema: 1\nfiles:\n  README.md: md5:abc\n", "(3,14)")]
    [InlineData("schema: 1\nbogus: 1\n", "(2,1)")]
    [InlineData("schema: 9\n", "(1,9)")]
    public void Malformed_state_names_the_file_line_and_column(string text, string location)
    {
        var error = Assert.Throws<MxException>(() => StateFile.Parse(text));
        Assert.Contains(".mx/state.yaml" + location, error.Message);
        Assert.Equal(ExitCode.BadInput, error.ExitCode);
        Assert.Contains("git checkout", error.Message);
    }
}
