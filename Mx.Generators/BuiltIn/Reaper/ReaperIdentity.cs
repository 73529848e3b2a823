using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Reaper;

/// <summary>
/// The reaper's Google identity in the skeleton's cluster program, as a structured edit: a service account that may
/// read metrics and nothing else, which the reaper's Kubernetes service account becomes through workload identity.
/// </summary>
internal static class ReaperIdentity
{
    /// <summary>Program resource names of the reaper start with this, which the skeleton's names never do.</summary>
    public const string ResourcePrefix = "idleReaper";

    public static string AccountId(string projectName) => $"{projectName}-reaper";

    public static FileEdit Edit(Answers answers)
    {
        return ClusterProgramFragment.Edit("add the idle reaper's service account (reads metrics only)",
            name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal), Resources(answers).Select(r => (r.Key, r.Value)));
    }

    internal static IReadOnlyDictionary<string, YamlTree> Resources(Answers answers)
    {
        var project = answers.GetString("gcp_project");
        var account = YamlTree.Map(
            ("type", S("gcp:serviceaccount:Account")),
            ("properties", YamlTree.Map(
                ("accountId", S(AccountId(answers.GetString("project_name")))),
                ("displayName", S($"{answers.GetString("project_name")} idle GPU reaper")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${iamApi}"))))));
        account.CommentsBefore.Add("The idle reaper (IdleReaper) reads GPU utilisation from Managed Service for Prometheus, and nothing else.");
        return new Dictionary<string, YamlTree>(StringComparer.Ordinal)
        {
            [ResourcePrefix + "ServiceAccount"] = account,
            [ResourcePrefix + "ReadsMetrics"] = YamlTree.Map(
                ("type", S("gcp:projects:IAMMember")),
                ("properties", YamlTree.Map(
                    ("project", S(project)),
                    ("role", S("roles/monitoring.viewer")),
                    ("member", S($"serviceAccount:${{{ResourcePrefix}ServiceAccount.email}}"))))),
            [ResourcePrefix + "WorkloadIdentity"] = YamlTree.Map(
                ("type", S("gcp:serviceaccount:IAMMember")),
                ("properties", YamlTree.Map(
                    ("serviceAccountId", S($"${{{ResourcePrefix}ServiceAccount.name}}")),
                    ("role", S("roles/iam.workloadIdentityUser")),
                    ("member", S($"serviceAccount:{project}.svc.id.goog[{IdleReaper.HomeNamespace}/idle-reaper]")))),
                ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${cluster}")))))),
        };
    }

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
