using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Monitoring;

/// <summary>
/// GpuMonitoring's part of the skeleton's cluster program, as a structured edit: the cluster's
/// <c>monitoringConfig</c> (Managed Service for Prometheus on; GKE's managed DCGM package left out of
/// <c>enableComponents</c>, since the project runs its own exporter and two DCGM host engines on one GPU contend for
/// its profiling counters), and the Google service account the GMP frontend acts as through workload identity, with
/// read access to Cloud Monitoring.
/// </summary>
internal static class ClusterMonitoring
{
    private const string ClusterProgram = ClusterProgramFragment.ClusterProgram;

    /// <summary>
    /// The metric packages GKE enables on a new Standard cluster, but DCGM: system metrics and the managed
    /// kube-state packages, which naming the list explicitly would otherwise switch off.
    /// </summary>
    public static readonly string[] Components =
        ["SYSTEM_COMPONENTS", "STORAGE", "HPA", "POD", "DAEMONSET", "DEPLOYMENT", "STATEFULSET", "JOBSET", "CADVISOR", "KUBELET"];

    public static FileEdit Edit(Answers answers) =>
        new(ClusterProgram, "turn on Managed Service for Prometheus and add the metrics reader's service account",
            program => Apply(program, answers));

    private static string Apply(string program, Answers answers)
    {
        var document = YamlDocument.Parse(program, ClusterProgram);
        var properties = ClusterProgramFragment.ClusterProperties(document, "turn on GPU monitoring");
        var changed = ClusterProgramFragment.SetIfDifferent(properties, "monitoringConfig", MonitoringConfig());
        changed |= ClusterProgramFragment.Merge(ClusterProgramFragment.Section(document, "resources"), Resources(answers).Select(r => KeyValuePair.Create(YamlTree.Scalar(r.Key), r.Value)).ToArray(), _ => false);
        return changed ? document.Write() : program;
    }

    private static YamlTree MonitoringConfig()
    {
        var config = YamlTree.Map(
            ("enableComponents", YamlTree.List([.. Components.Select(c => (YamlTree)S(c))])),
            ("managedPrometheus", YamlTree.Map(("enabled", S("true")))));
        config.CommentsBefore.Add("Managed Service for Prometheus collects the GPU metrics of infra/k8s/gpu-monitoring (added by GpuMonitoring);");
        config.CommentsBefore.Add("GKE's own DCGM package is left out, as the project runs NVIDIA's exporter with the pods' labels.");
        return config;
    }

    /// <summary>The resources the edit adds, by program resource name.</summary>
    internal static IReadOnlyDictionary<string, YamlTree> Resources(Answers answers)
    {
        var gcpProject = answers.GetString("gcp_project");
        var account = YamlTree.Map(
            ("type", S("gcp:serviceaccount:Account")),
            ("properties", YamlTree.Map(
                ("accountId", S(GpuMonitoring.ServiceAccountId(answers))),
                ("displayName", S($"{answers.GetString("project_name")} metrics reader (GMP frontend)")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${iamApi}"))))));
        account.CommentsBefore.Add("The GMP frontend of infra/k8s/gpu-monitoring reads the project's metrics as this account (added by GpuMonitoring).");
        var viewer = YamlTree.Map(
            ("type", S("gcp:projects:IAMMember")),
            ("properties", YamlTree.Map(
                ("project", S(gcpProject)),
                ("role", S("roles/monitoring.viewer")),
                ("member", S("serviceAccount:${monitoringServiceAccount.email}")))));
        var workloadIdentity = YamlTree.Map(
            ("type", S("gcp:serviceaccount:IAMMember")),
            ("properties", YamlTree.Map(
                ("serviceAccountId", S("${monitoringServiceAccount.name}")),
                ("role", S("roles/iam.workloadIdentityUser")),
                ("member", S($"serviceAccount:{gcpProject}.svc.id.goog[{GpuMonitoring.Namespace}/gmp-frontend]")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${cluster}"))))));
        return new Dictionary<string, YamlTree>(StringComparer.Ordinal)
        {
            ["monitoringServiceAccount"] = account,
            ["monitoringViewer"] = viewer,
            ["monitoringWorkloadIdentity"] = workloadIdentity,
        };
    }

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
