using System.Text.RegularExpressions;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.PluginScaffold;

/// <summary>
/// A new generator plugin project: a class library on the mx generator SDK with one example generator, its
/// template and its tests, ready to build, test and pack into a NuGet package that <c>mx plugin add</c> installs.
/// </summary>
internal sealed partial class GeneratorPlugin() : TemplateGenerator(typeof(TemplateRenderer).Assembly, "GeneratorPlugin")
{
    public override string Name => "GeneratorPlugin";
    public override string Summary => "A generator plugin project (NuGet package) with an example generator, its template and tests.";
    public override string Version => "1.0.0";
    public override bool CreatesProject => true;

    public override IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("plugin_name", ParameterType.String, "Package id and root namespace of the plugin, e.g. Acme.Mx.Generators")
        {
            OptionName = "name",
            Validate = (value, _) => PluginNamePattern().IsMatch((string)value) && ((string)value).Length <= 60 ? null
                : "a plugin name is a dotted .NET namespace of capitalised parts, at most 60 characters, e.g. 'Acme.Mx.Generators'.",
            ValidationDescription = "dotted namespace of capitalised parts, e.g. Acme.Mx.Generators",
        },
    ];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var name = context.Answers.GetString("plugin_name");
        // "Acme.Mx.Generators" → AcmeMxGeneratorsDocs and acme-mx-generators: unique per plugin, so two
        // scaffolded plugins never declare the same generator name.
        var parts = name.Split('.');
        return new Dictionary<string, object?>
        {
            ["plugin_name"] = name,
            ["generator_class"] = string.Concat(parts) + "Docs",
            ["plugin_slug"] = NamingFunctions.KebabCase(string.Join(' ', parts)),
            ["sdk_version"] = GenerationService.MxVersion,
        };
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(\\.[A-Z][A-Za-z0-9]*)*\\z")]
    private static partial Regex PluginNamePattern();
}
