using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Tests.Cli;

public class PromptSpecs
{
    private static readonly Parameter Region = new MLProjectSkeleton().Parameters.Single(p => p.Key == "region");

    [Fact]
    public void The_region_question_offers_only_regions_with_gpus()
    {
        var offered = Region.Choices!(Answers.Empty);
        Assert.Contains("europe-west4", offered);
        Assert.DoesNotContain("africa-south1", offered);
        Assert.All(offered, region => Assert.NotEmpty(GcpCatalog.Default.GpuTypesIn(region)));
        Assert.Contains("offers no GPUs", Region.Validate!("europe-west12", Answers.Empty));
    }

    [Fact]
    public void A_choice_is_found_by_typing_and_echoed_after_the_prompt()
    {
        var console = new ScriptedConsole(ScriptedConsole.Typed("europe-west4"));
        var chosen = new SpectrePrompter(console).Ask(Region, "us-central1", Region.Choices!(Answers.Empty), _ => null);
        Assert.Equal("europe-west4", chosen);
        Assert.EndsWith("GCP region: europe-west4\n", console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_default_is_offered_first()
    {
        var console = new ScriptedConsole(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        Assert.Equal("us-central1", new SpectrePrompter(console).Ask(Region, "us-central1", Region.Choices!(Answers.Empty), _ => null));
    }
}
