using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>The one in-cluster address of the tracking server that jobs, apps and the reaper are given is the MLflow Service's.</summary>
public class MlflowAddressSpecs
{
    private static string Read(string sample, string path) => File.ReadAllText(Path.Combine(Repository.Samples, sample, path));

    [Fact]
    public void The_address_names_the_mlflow_service_its_namespace_and_port_and_the_server_accepts_it_as_host()
    {
        var service = KubernetesYaml.Deserialize<V1Service>(Read("acme-vision", "infra/k8s/training-infra/mlflow-service.yaml"), strict: true);
        var uri = new Uri(MLProjectSkeleton.MlflowInClusterUri);

        Assert.Equal($"{service.Metadata.Name}.{service.Metadata.NamespaceProperty}.svc.cluster.local", uri.Host);
        Assert.Contains(service.Spec.Ports, p => p.Port == uri.Port);
        // MLflow 3 refuses requests whose Host header it was not told to allow (--allowed-hosts).
        Assert.Contains($"{uri.Host}:{uri.Port}", Read("acme-vision", "infra/k8s/training-infra/mlflow-deployment.yaml"));
    }

    [Theory]
    [InlineData("acme-vision", "infra/k8s/jobs/train_job.yaml")]
    [InlineData("acme-vision-distributed", "infra/k8s/jobs/train_distributed.yaml")]
    [InlineData("acme-vision-streamlit", "infra/k8s/apps/demo/deployment.yaml")]
    [InlineData("acme-vision-reaper", "infra/k8s/idle-reaper/cronjob.yaml")]
    public void Jobs_apps_and_the_reaper_are_given_that_address(string sample, string path)
    {
        Assert.Contains($"value: {MLProjectSkeleton.MlflowInClusterUri}\n", Read(sample, path));
    }
}
