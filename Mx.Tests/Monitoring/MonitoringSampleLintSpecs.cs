using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Monitoring;

public class MonitoringSampleLintSpecs
{
    [Fact]
    public void A_cluster_pod_monitoring_whose_exporter_pods_lost_their_label_is_found_in_the_sample()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-monitoring"));
        var exporter = Path.Combine(project.Root, "infra", "k8s", "gpu-monitoring", "dcgm-exporter.yaml");
        // The DaemonSet's selector and its pods' label renamed together, as a hand edit would; the monitor still names the old one.
        File.WriteAllText(exporter, File.ReadAllText(exporter).Replace("app.kubernetes.io/name: dcgm-exporter\n  updateStrategy", "app.kubernetes.io/name: nvidia-dcgm\n  updateStrategy", StringComparison.Ordinal)
            .Replace("      labels:\n        app.kubernetes.io/name: dcgm-exporter", "      labels:\n        app.kubernetes.io/name: nvidia-dcgm", StringComparison.Ordinal));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == "MX2109" && f.Path == "infra/k8s/gpu-monitoring/dcgm-exporter.yaml"
                                              && f.Message.Contains("app.kubernetes.io/name=dcgm-exporter", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX2109" && f.Message.Contains("kube-state-metrics", StringComparison.Ordinal));
    }
}
