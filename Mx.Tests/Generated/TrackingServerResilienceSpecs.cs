using k8s;
using k8s.Models;

namespace Mx.Tests.Generated;

/// <summary>
/// The tracking server and its in-cluster database recover on their own (liveness probes), are not evicted by a
/// drain or the autoscaler (disruption budgets), and the database's StatefulSet has the headless service it needs.
/// </summary>
public class TrackingServerResilienceSpecs(GeneratedProject project) : IClassFixture<GeneratedProject>
{
    private const string TrainingInfra = "infra/k8s/training-infra/";

    private T Load<T>(string file) => KubernetesYaml.Deserialize<T>(project.Files[TrainingInfra + file], strict: true);

    [Fact]
    public void The_postgres_statefulset_names_a_headless_service_that_selects_its_pods()
    {
        var statefulSet = Load<V1StatefulSet>("postgres-statefulset.yaml");
        var services = project.Files.Where(f => f.Key.StartsWith(TrainingInfra, StringComparison.Ordinal) && f.Value.Contains("kind: Service\n", StringComparison.Ordinal))
            .Select(f => KubernetesYaml.Deserialize<V1Service>(f.Value, strict: true)).ToArray();

        var governing = Assert.Single(services, s => s.Metadata.Name == statefulSet.Spec.ServiceName);
        Assert.Equal("None", governing.Spec.ClusterIP);
        Assert.Equal(statefulSet.Metadata.NamespaceProperty, governing.Metadata.NamespaceProperty);
        Assert.All(governing.Spec.Selector, s => Assert.Equal(s.Value, statefulSet.Spec.Template.Metadata.Labels[s.Key]));
        // The address in MLflow's connection string stays a ClusterIP service.
        var client = Assert.Single(services, s => s.Metadata.Name == "mlflow-postgres");
        Assert.NotEqual("None", client.Spec.ClusterIP);
    }

    [Theory]
    [InlineData("mlflow-deployment.yaml", "mlflow")]
    [InlineData("postgres-statefulset.yaml", "postgres")]
    public void The_tracking_server_and_its_database_have_liveness_probes_on_their_own_ports(string file, string container)
    {
        var pod = file.StartsWith("mlflow", StringComparison.Ordinal)
            ? Load<V1Deployment>(file).Spec.Template.Spec
            : Load<V1StatefulSet>(file).Spec.Template.Spec;
        var main = Assert.Single(pod.Containers, c => c.Name == container);

        Assert.NotNull(main.LivenessProbe);
        var port = main.LivenessProbe.HttpGet?.Port.Value ?? main.LivenessProbe.TcpSocket?.Port.Value;
        Assert.Contains(main.Ports, p => p.Name == port);
        Assert.NotNull(main.ReadinessProbe);
    }

    [Theory]
    [InlineData("mlflow-pdb.yaml", "mlflow-deployment.yaml")]
    [InlineData("postgres-pdb.yaml", "postgres-statefulset.yaml")]
    public void A_disruption_budget_keeps_the_single_pod_of_the_tracking_server_and_of_its_database(string budgetFile, string workloadFile)
    {
        var budget = Load<V1PodDisruptionBudget>(budgetFile);
        var (replicas, labels, ns) = workloadFile.StartsWith("mlflow", StringComparison.Ordinal)
            ? Load<V1Deployment>(workloadFile) is var d ? (d.Spec.Replicas, d.Spec.Template.Metadata.Labels, d.Metadata.NamespaceProperty) : default
            : Load<V1StatefulSet>(workloadFile) is var s ? (s.Spec.Replicas, s.Spec.Template.Metadata.Labels, s.Metadata.NamespaceProperty) : default;

        Assert.Equal(ns, budget.Metadata.NamespaceProperty);
        Assert.All(budget.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, labels[l.Key]));
        Assert.Equal(replicas, budget.Spec.MinAvailable?.Value is { } min ? int.Parse(min, System.Globalization.CultureInfo.InvariantCulture) : -1);
    }

    [Fact]
    public void A_cloud_sql_project_keeps_the_tracking_servers_budget_and_probes_without_the_databases()
    {
        using var cloudSql = new CloudSqlGeneratedProject();
        var kustomization = cloudSql.Files[TrainingInfra + "kustomization.yaml"];

        Assert.Contains("- mlflow-pdb.yaml", kustomization);
        Assert.DoesNotContain("postgres", kustomization.Split('\n').Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)).Aggregate("", string.Concat));
        var mlflow = KubernetesYaml.Deserialize<V1Deployment>(cloudSql.Files[TrainingInfra + "mlflow-deployment.yaml"], strict: true);
        Assert.NotNull(Assert.Single(mlflow.Spec.Template.Spec.Containers, c => c.Name == "mlflow").LivenessProbe);
    }
}
