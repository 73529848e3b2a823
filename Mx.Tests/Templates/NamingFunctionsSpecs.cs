using Mx.Templates;

namespace Mx.Tests.Templates;

public class NamingFunctionsSpecs
{
    [Theory]
    [InlineData("Acme Vision-2", "acme_vision_2")]
    [InlineData("acmeVision", "acme_vision")]
    [InlineData("HTTPServer", "http_server")]
    public void Snake_case_splits_words_and_humps(string text, string expected) => Assert.Equal(expected, NamingFunctions.SnakeCase(text));

    [Fact]
    public void Kebab_case_joins_words_with_dashes() => Assert.Equal("acme-vision-model", NamingFunctions.KebabCase("AcmeVision model"));

    [Theory]
    [InlineData("My_Project.v2", "my-project-v2")]
    [InlineData("2fast", "x-2fast")]
    public void Dns_label_is_a_valid_kubernetes_name(string text, string expected) => Assert.Equal(expected, NamingFunctions.DnsLabel(text));

    [Fact]
    public void Dns_label_is_cut_to_63_characters() => Assert.Equal(63, NamingFunctions.DnsLabel(new string('a', 80)).Length);

    [Theory]
    [InlineData("acme-vision", "acme_vision")]
    [InlineData("3d-seg", "_3d_seg")]
    public void Python_identifiers_never_start_with_a_digit(string text, string expected) => Assert.Equal(expected, NamingFunctions.PyIdent(text));

    [Theory]
    [InlineData("a: b")]
    [InlineData("yes")]
    [InlineData("*star \"quoted\" back\\slash\ttab\nline")]
    public void Yaml_strings_read_back_as_the_original_text(string text)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader("value: " + NamingFunctions.YamlStr(text)));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal(text, ((YamlDotNet.RepresentationModel.YamlScalarNode)root["value"]).Value);
    }

    [Theory]
    [InlineData("${db.password}@acme.ai", "$${db.password}@acme.ai")]
    [InlineData("a$$b$", "a$$$$b$$")]
    [InlineData("plain", "plain")]
    public void Pulumi_literals_double_every_dollar_so_pulumi_reads_back_the_text(string text, string expected) =>
        Assert.Equal(expected, NamingFunctions.PulumiLiteral(text));
}
