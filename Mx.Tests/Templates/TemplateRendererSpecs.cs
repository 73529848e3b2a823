using System.Reflection;
using Mx.Templates;

namespace Mx.Tests.Templates;

public class TemplateRendererSpecs
{
    private static readonly Dictionary<string, object?> Model = new() { ["project_name"] = "acme-vision", ["engineers"] = new[] { "a@b.io", "c@d.io" } };

    [Fact]
    public void Templates_see_the_model_and_the_naming_functions() =>
        Assert.Equal("acme_vision a@b.io,c@d.io", TemplateRenderer.Render("t", "{{ project_name | snake_case }} {{ engineers | array.join \",\" }}", Model));

    [Fact]
    public void An_undefined_variable_fails_with_the_template_location()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("conf/config.yaml", "line one\nname: {{ projet_name }}", Model));
        Assert.StartsWith("conf/config.yaml.sbn(2,10):", error.Message);
        Assert.Contains("projet_name", error.Message);
    }

    [Fact]
    public void Every_parse_error_of_a_folder_is_reported_at_once()
    {
        var files = new[] { new TemplateFile("a.txt.sbn", "{{ if }}"), new TemplateFile("b.txt.sbn", "ok {{ end }}") };
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.RenderFolder(files, Model));
        Assert.Contains("a.txt.sbn(1,", error.Message);
        Assert.Contains("b.txt.sbn(1,", error.Message);
    }

    [Fact]
    public void Files_without_the_template_suffix_are_copied_as_they_are()
    {
        var output = TemplateRenderer.RenderFolder([new TemplateFile("ci.yaml", "${{ matrix.os }}")], Model);
        Assert.Equal(new KeyValuePair<string, string>("ci.yaml", "${{ matrix.os }}"), output[0]);
    }

    [Fact]
    public void Every_public_naming_function_is_callable_from_templates_under_its_snake_case_name()
    {
        var functions = typeof(NamingFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static);
        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            var name = NamingFunctions.SnakeCase(function.Name);
            var expected = (string)function.Invoke(null, ["Acme Vision"])!;
            Assert.Equal(expected, TemplateRenderer.Render("t", $"{{{{ \"Acme Vision\" | {name} }}}}", Model));
        }
    }

    [Fact]
    public void Templates_see_every_module_of_scribans_standard_library() =>
        Assert.Equal("ACME 1 \\. &lt; number 1.00:00:00 3 2000 true",
            TemplateRenderer.Render("t",
                "{{ \"acme\" | string.upcase }} {{ -1 | math.abs }} {{ regex.escape \".\" }} {{ html.escape \"<\" }} " +
                "{{ object.typeof 1 }} {{ timespan.from_days 1 }} {{ [1, 2, 3] | array.size }} {{ date.parse \"2000-01-02\" | date.to_string \"%Y\" }} " +
                "{{ [] == empty }}", Model));
}
