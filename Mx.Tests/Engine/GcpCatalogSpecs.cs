using Mx.Generators.BuiltIn;

namespace Mx.Tests.Engine;

public class GcpCatalogSpecs
{
    private static readonly GcpCatalog Gcp = GcpCatalog.Default;

    [Fact]
    public void The_table_knows_the_regions_and_gpus_of_the_readme_example()
    {
        Assert.True(Gcp.Regions.Count >= 40, $"only {Gcp.Regions.Count} regions");
        Assert.Contains("nvidia-l4", Gcp.GpuTypesIn("europe-west4"));
        Assert.Equal("g2-standard-8", Gcp.MachineType("nvidia-l4", 1));
        Assert.Equal("NVIDIA L4", Gcp.DisplayName("nvidia-l4"));
        Assert.Equal([1, 2, 4], Gcp.GpuCounts("nvidia-tesla-t4"));
        Assert.Empty(Gcp.GpuTypesIn("africa-south1"));
    }

    [Fact]
    public void Every_zone_offering_a_gpu_is_a_zone_of_its_region_and_every_gpu_has_a_one_gpu_machine()
    {
        foreach (var region in Gcp.Regions)
        {
            Assert.NotEmpty(Gcp.ZonesOf(region));
            Assert.All(Gcp.ZonesOf(region), zone => Assert.StartsWith(region + "-", zone));
            foreach (var gpu in Gcp.GpuTypesIn(region))
            {
                Assert.True(Gcp.IsGpuType(gpu));
                Assert.NotNull(Gcp.MachineType(gpu, 1));
                Assert.All(Gcp.ZonesOffering(region, gpu), zone => Assert.Contains(zone, Gcp.ZonesOf(region)));
            }
        }
    }
}
