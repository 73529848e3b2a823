using System.Text.RegularExpressions;
using Mx.Generators.Internal;

namespace Mx.Tests.Engine;

public class PathTokensSpecs
{
    private static readonly Regex Definition = new("__([a-z][a-z0-9]*(?:_[a-z0-9]+)+)__");

    [Theory]
    [InlineData("src/__package_name__/train.py", "src/<package_name>/train.py")]
    [InlineData("src/__package_name__/__init__.py", "src/<package_name>/__init__.py")]
    [InlineData("__a_b____c_d__", "<a_b><c_d>")]
    [InlineData("conf/__init__/x__y_z", "conf/__init__/x__y_z")]
    public void Keys_with_an_inner_underscore_are_replaced_and_dunder_names_are_not(string path, string expected) =>
        Assert.Equal(expected, PathTokens.Replace(path, key => $"<{key}>"));

    [Fact]
    public void The_scanner_finds_exactly_what_the_regular_expression_defining_a_path_token_finds()
    {
        var random = new Random(20261123);
        const string Alphabet = "__ab1_/.Z";
        for (var n = 0; n < 50_000; n++)
        {
            var path = new string(Enumerable.Range(0, random.Next(1, 16)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            Assert.Equal(Definition.Replace(path, m => $"<{m.Groups[1].Value}>"), PathTokens.Replace(path, key => $"<{key}>"));
        }
    }
}
