using k8s;
using k8s.Models;
using Mx.Tests.Validation;

namespace Mx.Tests.Generated;

/// <summary>
/// The NetworkPolicies of training-infra, evaluated for the connections that matter: only MLflow reaches its database,
/// only training jobs and namespaces labelled as MLflow clients reach MLflow, and the database still resolves names.
/// The pods are the generated ones, with the labels their manifests give them.
/// </summary>
public class NetworkPolicySpecs(GeneratedProject project) : IClassFixture<GeneratedProject>
{
    private const string Folder = "infra/k8s/training-infra/";

    private static readonly NetworkPolicyEvaluator.Pod KubeDns = new("kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

    [Fact]
    public void Only_the_tracking_server_reaches_postgres_and_only_on_its_port()
    {
        var net = Evaluator(project);
        var (mlflow, postgres, training) = (Mlflow(project), Postgres(project), Training(project));

        Assert.True(net.Allows(mlflow, postgres, 5432));
        Assert.False(net.Allows(mlflow, postgres, 22));
        Assert.False(net.Allows(training, postgres, 5432));
        Assert.False(net.Allows(Workspace, postgres, 5432));
        Assert.False(net.Allows(Stranger, postgres, 5432));
        Assert.False(net.Allows(new("mlflow", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "debug" }), postgres, 5432));
    }

    [Fact]
    public void Only_training_and_mlflow_client_namespaces_reach_the_tracking_server()
    {
        var net = Evaluator(project);
        var mlflow = Mlflow(project);

        Assert.True(net.Allows(Training(project), mlflow, 5000));
        Assert.True(net.Allows(Workspace, mlflow, 5000));
        Assert.False(net.Allows(Training(project), mlflow, 8080));
        Assert.False(net.Allows(Stranger, mlflow, 5000));
        Assert.False(net.Allows(Postgres(project), mlflow, 5000));
    }

    [Fact]
    public void The_database_resolves_names_and_reaches_nothing_else_while_training_keeps_its_egress()
    {
        var net = Evaluator(project);
        var postgres = Postgres(project);

        Assert.True(net.Allows(postgres, KubeDns, 53, "UDP"));
        Assert.True(net.Allows(postgres, KubeDns, 53, "TCP"));
        Assert.False(net.Allows(postgres, Stranger, 443));
        Assert.False(net.Allows(postgres, new("kube-system", new Dictionary<string, string> { ["k8s-app"] = "metrics-server" }), 53, "UDP"));
        // Distributed workers talk to each other (rendezvous, NCCL) and to DNS; nothing in training is closed.
        Assert.True(net.Allows(Training(project), Training(project), 29500));
        Assert.True(net.Allows(Training(project), KubeDns, 53, "UDP"));
    }

    [Fact]
    public void With_cloud_sql_the_tracking_server_is_as_closed_and_there_is_no_database_policy()
    {
        using var cloudSql = new CloudSqlGeneratedProject();
        var net = Evaluator(cloudSql);

        Assert.DoesNotContain(Folder + "postgres-networkpolicy.yaml", cloudSql.Files.Keys);
        Assert.True(net.Allows(Training(cloudSql), Mlflow(cloudSql), 5000));
        Assert.False(net.Allows(Stranger, Mlflow(cloudSql), 5000));
    }

    private static readonly NetworkPolicyEvaluator.Pod Workspace = new("ws-ada", new Dictionary<string, string> { ["app"] = "notebook" },
        new Dictionary<string, string> { ["mx.dev/mlflow-client"] = "true" });

    private static readonly NetworkPolicyEvaluator.Pod Stranger = new("default", new Dictionary<string, string> { ["app"] = "anything" });

    private static NetworkPolicyEvaluator Evaluator(GeneratedProject generated) =>
        new(generated.Matching(p => p.StartsWith(Folder, StringComparison.Ordinal) && p.EndsWith("networkpolicy.yaml", StringComparison.Ordinal))
            .Select(f => KubernetesYaml.Deserialize<V1NetworkPolicy>(f.Value, strict: true)).ToArray());

    private static NetworkPolicyEvaluator.Pod Mlflow(GeneratedProject generated)
    {
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(generated.Files[Folder + "mlflow-deployment.yaml"], strict: true);
        return new(deployment.Metadata.NamespaceProperty, new Dictionary<string, string>(deployment.Spec.Template.Metadata.Labels));
    }

    private static NetworkPolicyEvaluator.Pod Postgres(GeneratedProject generated)
    {
        var statefulSet = KubernetesYaml.Deserialize<V1StatefulSet>(generated.Files[Folder + "postgres-statefulset.yaml"], strict: true);
        return new(statefulSet.Metadata.NamespaceProperty, new Dictionary<string, string>(statefulSet.Spec.Template.Metadata.Labels));
    }

    private static NetworkPolicyEvaluator.Pod Training(GeneratedProject generated)
    {
        var job = KubernetesYaml.Deserialize<V1Job>(generated.Files["infra/k8s/jobs/train_job.yaml"], strict: true);
        return new(job.Metadata.NamespaceProperty, new Dictionary<string, string>(job.Spec.Template.Metadata.Labels));
    }
}
