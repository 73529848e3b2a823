using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Generated;

/// <summary>
/// <c>--mlflow-database cloud-sql</c>: the tracking server's backend store is a private Cloud SQL instance reached
/// through the Auth Proxy sidecar, and every name that joins the three files up (connection name, port, user,
/// database, stack output) agrees.
/// </summary>
public partial class CloudSqlDatabaseSpecs(CloudSqlGeneratedProject cloudSql) : IClassFixture<CloudSqlGeneratedProject>
{
    private const string TrainingInfra = "infra/k8s/training-infra/";

    [Fact]
    public void The_default_project_runs_postgres_in_the_cluster_and_the_cloud_sql_one_does_not()
    {
        using var inCluster = new GeneratedProject();
        Assert.Contains(TrainingInfra + "postgres-statefulset.yaml", inCluster.Files.Keys);
        Assert.DoesNotContain(inCluster.Files.Keys, p => p.StartsWith(TrainingInfra, StringComparison.Ordinal) && inCluster.Files[p].Contains("cloud-sql-proxy", StringComparison.Ordinal));
        Assert.DoesNotContain("mlflowDatabaseInstance", inCluster.Files["infra/pulumi/cluster/Main.yaml"], StringComparison.Ordinal);

        Assert.DoesNotContain(cloudSql.Files.Keys, p => p.StartsWith(TrainingInfra + "postgres-", StringComparison.Ordinal));
        Assert.DoesNotContain("postgres-", cloudSql.Files[TrainingInfra + "kustomization.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_auth_proxy_starts_before_mlflow_and_connects_to_the_instance_the_cluster_stack_creates()
    {
        var instance = Properties(ClusterResource("mlflowDatabaseInstance"));
        var gcpProject = Scalar(Yaml(cloudSql.Files["infra/pulumi/cluster/Pulumi.dev.yaml"]), "config", "gcp:project");
        var pod = MlflowPod();

        var proxy = Assert.Single(pod.InitContainers);
        Assert.Equal("Always", proxy.RestartPolicy); // a native sidecar: started, and probed, before the server
        Assert.NotNull(proxy.StartupProbe);
        Assert.Matches(PinnedProxyImage(), proxy.Image);
        Assert.Contains("--private-ip", proxy.Args);
        Assert.Contains($"{gcpProject}:{Scalar(instance, "region")}:{Scalar(instance, "name")}", proxy.Args);
        Assert.Equal("mlflow", Assert.Single(pod.Containers).Name);
    }

    [Fact]
    public void Mlflow_reaches_the_database_through_the_proxy_as_the_user_the_cluster_stack_creates()
    {
        var proxyPort = MlflowPod().InitContainers.Single().Args.Single(a => a.StartsWith("--port=", StringComparison.Ordinal))["--port=".Length..];
        var secret = Properties(Resource("infra/pulumi/platform/Main.yaml", "mlflowDatabase"));
        var uri = Scalar(secret, "stringData", "MLFLOW_BACKEND_STORE_URI");

        var user = Scalar(Properties(ClusterResource("mlflowDatabaseUser")), "name");
        var database = Scalar(Properties(ClusterResource("mlflowDatabase")), "name");
        Assert.Equal($"postgresql://{user}:${{cluster.outputs[\"mlflowDatabasePassword\"]}}@127.0.0.1:{proxyPort}/{database}", uri);

        // The password the platform stack reads is the one the user was created with, and stays a secret.
        var outputs = (YamlMappingNode)Yaml(cloudSql.Files["infra/pulumi/cluster/Main.yaml"])["outputs"];
        Assert.Equal("${mlflowDatabasePassword.result}", Scalar(outputs, "mlflowDatabasePassword", "fn::secret"));
        Assert.Equal("${mlflowDatabasePassword.result}", Scalar(Properties(ClusterResource("mlflowDatabaseUser")), "password"));
        Assert.Equal("random:RandomPassword", ClusterResource("mlflowDatabasePassword")["type"].ToString());
    }

    [Fact]
    public void The_instance_has_only_a_private_ip_in_the_projects_vpc_and_requires_client_certificates()
    {
        var instance = ClusterResource("mlflowDatabaseInstance");
        var ip = (YamlMappingNode)((YamlMappingNode)Properties(instance)["settings"])["ipConfiguration"];
        Assert.Equal("false", Scalar(ip, "ipv4Enabled"));
        Assert.Equal("${network.id}", Scalar(ip, "privateNetwork"));
        Assert.Equal("TRUSTED_CLIENT_CERTIFICATE_REQUIRED", Scalar(ip, "sslMode"));
        // The provider does not see the peering through a reference, so the order is explicit.
        var dependsOn = ((YamlSequenceNode)((YamlMappingNode)instance["options"])["dependsOn"]).Select(n => n.ToString());
        Assert.Contains("${servicesPeering}", dependsOn);
        Assert.Equal("true", Scalar(Properties(instance), "settings", "backupConfiguration", "enabled"));
    }

    [Fact]
    public void Only_the_mlflow_service_account_may_connect()
    {
        var clients = Resources("infra/pulumi/cluster/Main.yaml")
            .Where(r => ((YamlMappingNode)r.Value).Children.ContainsKey("properties"))
            .Where(r => Properties(r.Value) is var p && p.Children.ContainsKey("role") && Scalar(p, "role") == "roles/cloudsql.client")
            .Select(r => Scalar(Properties(r.Value), "member"));
        Assert.Equal(["serviceAccount:${mlflowServiceAccount.email}"], clients);
    }

    private V1PodSpec MlflowPod() =>
        KubernetesYaml.Deserialize<V1Deployment>(cloudSql.Files[TrainingInfra + "mlflow-deployment.yaml"], strict: true).Spec.Template.Spec;

    private YamlMappingNode ClusterResource(string name) => Resource("infra/pulumi/cluster/Main.yaml", name);

    private YamlMappingNode Resource(string program, string name) => (YamlMappingNode)Resources(program).Single(r => r.Key == name).Value;

    private IEnumerable<KeyValuePair<string, YamlNode>> Resources(string program) =>
        ((YamlMappingNode)Yaml(cloudSql.Files[program])["resources"]).Children.Select(c => KeyValuePair.Create(c.Key.ToString(), c.Value));

    private static YamlMappingNode Properties(YamlNode resource) => (YamlMappingNode)((YamlMappingNode)resource)["properties"];

    private static string Scalar(YamlMappingNode node, params string[] path) =>
        path.Aggregate((YamlNode)node, (n, key) => ((YamlMappingNode)n)[key]).ToString();

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^gcr\.io/cloud-sql-connectors/cloud-sql-proxy:\d+\.\d+\.\d+$")]
    private static partial Regex PinnedProxyImage();
}
