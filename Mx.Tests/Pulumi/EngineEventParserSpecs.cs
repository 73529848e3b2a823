using Mx.Pulumi.Events;

namespace Mx.Tests.Pulumi;

/// <summary>Lines in the format of pulumi's --json stream (sdk/go/common/apitype/events.go).</summary>
public class EngineEventParserSpecs
{
    [Fact]
    public void A_resource_pre_event_carries_the_operation_urn_type_and_replacement_keys()
    {
        const string line = """{"sequence":7,"timestamp":1767225700,"resourcePreEvent":{"metadata":{"op":"replace","urn":"urn:pulumi:dev::acme-cluster::gcp:container/nodePool:NodePool::gpuPool","type":"gcp:container/nodePool:NodePool","old":{"type":"gcp:container/nodePool:NodePool","urn":"urn:pulumi:dev::acme-cluster::gcp:container/nodePool:NodePool::gpuPool","custom":true,"id":"projects/p/locations/z/clusters/c/nodePools/gpu","parent":"","inputs":{},"outputs":{},"provider":""},"new":null,"keys":["nodeConfig"],"diffs":["nodeConfig","initialNodeCount"],"detailedDiff":null,"logical":true,"provider":"urn:pulumi:dev::acme-cluster::pulumi:providers:gcp::default_8_0_0::id"},"planning":true}}""";

        var parsed = Assert.IsType<ResourcePreEvent>(EngineEventParser.Parse(line));

        Assert.Equal(7, parsed.Sequence);
        Assert.Equal(1767225700, parsed.Timestamp);
        Assert.True(parsed.Planning);
        Assert.Equal("replace", parsed.Metadata.Op);
        Assert.Equal("gcp:container/nodePool:NodePool", parsed.Metadata.Type);
        Assert.Equal("gpuPool", parsed.Metadata.Name);
        Assert.Equal(["nodeConfig"], parsed.Metadata.ReplaceKeys);
        Assert.Equal(["nodeConfig", "initialNodeCount"], parsed.Metadata.Diffs);
        Assert.True(parsed.Metadata.Logical);
    }

    [Fact]
    public void Outputs_failures_diagnostics_summaries_and_the_closing_cancel_event_are_parsed()
    {
        var outputs = Assert.IsType<ResourceOutputsEvent>(EngineEventParser.Parse(
            """{"sequence":8,"timestamp":1767226012,"resOutputsEvent":{"metadata":{"op":"create","urn":"urn:pulumi:dev::p::gcp:container/cluster:Cluster::cluster","type":"gcp:container/cluster:Cluster","old":null,"new":null,"detailedDiff":null,"provider":""}}}"""));
        Assert.False(outputs.Planning);
        Assert.Equal("cluster", outputs.Metadata.Name);

        var failed = Assert.IsType<ResourceOperationFailedEvent>(EngineEventParser.Parse(
            """{"sequence":9,"timestamp":1767226019,"resOpFailedEvent":{"metadata":{"op":"create","urn":"urn:pulumi:dev::p::gcp:container/nodePool:NodePool::gpuPool","type":"gcp:container/nodePool:NodePool","old":null,"new":null,"detailedDiff":null,"provider":""},"status":1,"steps":0}}"""));
        Assert.Equal(1, failed.Status);

        var diagnostic = Assert.IsType<DiagnosticEvent>(EngineEventParser.Parse(
            """{"sequence":10,"timestamp":1767226019,"diagnosticEvent":{"urn":"urn:pulumi:dev::p::gcp:container/nodePool:NodePool::gpuPool","prefix":"error: ","message":"googleapi: Error 403: Insufficient regional quota\n","color":"never","severity":"error"}}"""));
        Assert.True(diagnostic.IsError);
        Assert.Equal("urn:pulumi:dev::p::gcp:container/nodePool:NodePool::gpuPool", diagnostic.Urn);
        Assert.StartsWith("googleapi: Error 403", diagnostic.Message);

        var summary = Assert.IsType<SummaryEvent>(EngineEventParser.Parse(
            """{"sequence":11,"timestamp":1767226020,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":420,"resourceChanges":{"create":12,"same":3},"PolicyPacks":{}}}"""));
        Assert.Equal(12, summary.Count("create"));
        Assert.Equal(0, summary.Count("delete"));
        Assert.Equal(420, summary.DurationSeconds);
        Assert.False(summary.NoChanges);
        Assert.False(summary.IsPreview);

        Assert.IsType<CancelEvent>(EngineEventParser.Parse("""{"sequence":12,"timestamp":1767226020,"cancelEvent":{}}"""));
        var prelude = Assert.IsType<PreludeEvent>(EngineEventParser.Parse("""{"sequence":1,"timestamp":1767225600,"preludeEvent":{"config":{"gcp:project":"p"}}}"""));
        Assert.Equal("p", prelude.Config["gcp:project"]);
    }

    [Fact]
    public void A_summary_of_unchanged_resources_only_means_no_changes()
    {
        var summary = Assert.IsType<SummaryEvent>(EngineEventParser.Parse(
            """{"sequence":3,"timestamp":1767225609,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":9,"resourceChanges":{"same":44},"PolicyPacks":{},"isPreview":true}}"""));
        Assert.True(summary.NoChanges);
        Assert.True(summary.IsPreview);
    }

    [Theory]
    [InlineData("""{"sequence":4,"timestamp":1767225601,"progressEvent":{"type":"plugin-download","id":"gcp","message":"Downloading","received":10,"total":100,"done":false}}""")]
    [InlineData("""{"sequence":5,"timestamp":1767225601,"policyLoadEvent":{}}""")]
    [InlineData("warning: A new version of Pulumi is available.")]
    [InlineData("{not json")]
    [InlineData("")]
    public void Events_mx_does_not_use_and_lines_that_are_not_events_are_skipped(string line)
    {
        Assert.Null(EngineEventParser.Parse(line));
    }

    [Fact]
    public void Every_line_of_every_fake_fixture_is_an_event_mx_understands()
    {
        var fixtures = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fakes", "events"), "*.jsonl", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(fixtures);
        foreach (var fixture in fixtures)
        {
            var events = File.ReadLines(fixture).Select(EngineEventParser.Parse).ToArray();
            Assert.All(events, e => Assert.NotNull(e));
            Assert.IsType<PreludeEvent>(events[0]);
            Assert.IsType<CancelEvent>(events[^1]);
            Assert.Equal(Enumerable.Range(1, events.Length), events.Select(e => e!.Sequence));
        }
    }
}
