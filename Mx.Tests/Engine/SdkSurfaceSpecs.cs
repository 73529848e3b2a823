using Mx.Generators;

namespace Mx.Tests.Engine;

/// <summary>
/// Plugins compile against Mx.Generators, so its public surface is a contract: the types a generator needs and
/// nothing of the engine. Member-level changes are tracked by the public API analyzer (PublicAPI.Shipped.txt);
/// this names the types, so a new public type is a decision, not an accident.
/// </summary>
public class SdkSurfaceSpecs
{
    [Fact]
    public void The_sdk_exposes_only_what_a_generator_needs()
    {
        var exported = typeof(IGenerator).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
        [
            "Mx.Generators.Answers", "Mx.Generators.AppliedGenerator", "Mx.Generators.ExitCode", "Mx.Generators.FileEdit",
            "Mx.Generators.FileEffect", "Mx.Generators.GeneratorContext", "Mx.Generators.IGenerator", "Mx.Generators.InfraSettings",
            "Mx.Generators.MxException", "Mx.Generators.Parameter", "Mx.Generators.ParameterType", "Mx.Generators.Plan",
            "Mx.Generators.PlatformProgram", "Mx.Generators.PluginPin", "Mx.Generators.ProjectState", "Mx.Generators.TemplateGenerator",
            "Mx.Generators.Validators",
        ], exported);
    }
}
