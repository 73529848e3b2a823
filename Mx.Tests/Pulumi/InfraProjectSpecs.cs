using Mx.Generators;
using Mx.Pulumi;

namespace Mx.Tests.Pulumi;

public class InfraProjectSpecs
{
    [Fact]
    public void A_file_backend_is_made_absolute_so_every_program_directory_sees_the_same_one()
    {
        Assert.Equal("file:///work/acme/.state", InfraProject.NormalizeBackend("file://.state", "/work/acme"));
        Assert.Equal("file:///srv/state", InfraProject.NormalizeBackend("file:///srv/state", "/work/acme"));
        Assert.Equal("gs://acme-state", InfraProject.NormalizeBackend("gs://acme-state/", "/work/acme"));
    }

    [Theory]
    [InlineData("acme-state")]
    [InlineData("file://")]
    public void A_backend_that_is_not_a_url_is_bad_input(string backend)
    {
        var error = Assert.Throws<MxException>(() => InfraProject.NormalizeBackend(backend, "/work"));
        Assert.Equal(ExitCode.BadInput, error.ExitCode);
    }

    [Fact]
    public void Only_non_secret_outputs_are_kept_and_non_strings_are_kept_as_json()
    {
        var outputs = InfraWorkflow.ParseOutputs("""{"clusterName":"acme","kubeconfig":"[secret]","maxNodes":2,"zones":["a","b"]}""");

        Assert.Equal(new SortedDictionary<string, string> { ["clusterName"] = "acme", ["maxNodes"] = "2", ["zones"] = "[\"a\",\"b\"]" }, outputs);
    }
}
