using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Docs;

public class DocsSampleLintSpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-docs");
    private const string Server = "infra/k8s/docs/server.yaml";

    private static IReadOnlyList<Finding> Lint(LintProject project) =>
        new Linter().Run(new LintRequest(project.Root) { UseCache = false }).Findings.Where(f => f.Fails).ToList();

    [Fact]
    public void The_docs_sample_is_clean()
    {
        using var project = LintProject.CopyOf(Sample);

        var errors = Lint(project);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(f => $"{f.RuleId} {f.Path}:{f.Line} {f.Message}")));
    }

    [Fact]
    public void A_docs_server_without_its_fuse_annotation_or_with_a_lone_sidecar_limit_is_found()
    {
        using var project = LintProject.CopyOf(Sample);
        var server = Path.Combine(project.Root, Server);
        File.WriteAllText(server, File.ReadAllText(server)
            .Replace("        gke-gcsfuse/volumes: \"true\"\n", "", StringComparison.Ordinal)
            .Replace("        gke-gcsfuse/cpu-request: 50m\n", "", StringComparison.Ordinal));

        var findings = Lint(project).Where(f => f.RuleId == "MX1112").ToList();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Server, f.Path));
        Assert.Contains(findings, f => f.Message.Contains("not annotated gke-gcsfuse/volumes", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("sets the FUSE sidecar's cpu limit without its request", StringComparison.Ordinal));
    }
}
