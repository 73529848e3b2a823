using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Generators.Internal;

/// <summary>Loads a YAML file for mx's own formats, turning every syntax error into <c>file(line,col)</c>.</summary>
internal static class YamlDocuments
{
    public static YamlStream Load(string text, string file, string remedy)
    {
        var parser = BoundedYaml.Parser(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            return stream;
        }
        catch (YamlException e)
        {
            throw Invalid(file, e.Start, e.Message, remedy);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections;
            // the last event it parsed is where the trouble starts.
            throw Invalid(file, parser.Current?.Start ?? Mark.Empty, e.Message, remedy);
        }
    }

    private static MxException Invalid(string file, Mark mark, string message, string remedy) =>
        new($"{file}({mark.Line},{mark.Column}): not valid YAML: {message.TrimEnd('.')}. {remedy}");
}
