using Mx.Generators.BuiltIn;

namespace Mx.Tests.Engine;

public class BaseImageAndMachineTableSpecs
{
    [Fact]
    public void Every_release_has_images_and_a_python_and_tags_follow_pytorchs_scheme()
    {
        var images = PyTorchImages.Default;
        Assert.Contains("2.5.1", images.TorchVersions);
        foreach (var torch in images.TorchVersions)
        {
            Assert.Matches(@"^3\.\d+$", images.Python(torch));
            Assert.NotEmpty(images.CudaVersions(torch));
            foreach (var cuda in images.CudaVersions(torch))
                Assert.Matches($@"^pytorch/pytorch:{System.Text.RegularExpressions.Regex.Escape(torch)}-cuda{System.Text.RegularExpressions.Regex.Escape(cuda)}-cudnn\d+-runtime$", images.Image(torch, cuda));
        }
        Assert.Equal("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime", images.Image("2.5.1", "12.4"));
        Assert.Null(images.Image("2.5.1", "11.2"));
        Assert.Null(images.Python("2.5.7"));
    }

    [Theory]
    [InlineData("e2-standard-4", true)]
    [InlineData("n2d-standard-224", true)]
    [InlineData("c3-highcpu-22", true)]
    [InlineData("e2-superbig", false)]
    [InlineData("e2-standard-3", false)]
    [InlineData("e2-standard", false)]
    [InlineData("e2-micro", false)]
    public void Machine_types_are_the_predefined_ones(string machineType, bool known) =>
        Assert.Equal(known, GceMachineTypes.Default.Contains(machineType));
}
