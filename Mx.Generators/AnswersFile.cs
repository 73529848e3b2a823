using Mx.Generators.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Generators;

/// <summary>Reads an <c>--answers FILE</c>: a YAML mapping from answer names (<c>gcp_project</c>) to values.</summary>
internal static class AnswersFile
{
    public static Answers Load(string path) => Load(path, known: null);

    /// <summary>
    /// Loads the file and refuses a key that is none of <paramref name="known"/>'s answers: a misspelt key
    /// would otherwise be ignored, and the default or a prompt would silently take its place.
    /// </summary>
    public static Answers Load(string path, IReadOnlyCollection<Parameter>? known)
    {
        var name = Path.GetFileName(path);
        if (!Path.Exists(path)) throw new MxException($"The answers file {path} does not exist. Check the path given to --answers.");
        var text = UserFile.ReadText(path, $"The answers file {path}", "Check the path given to --answers.");
        const string Remedy = " An answers file is a YAML mapping of answer names to values, e.g. 'gcp_project: acme-prod'.";
        var stream = YamlDocuments.Load(text, name, Remedy.Trim());
        if (stream.Documents.Count == 0) return Answers.Empty;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new MxException($"{name}(1,1): the answers file must be a mapping of answer names to values.{Remedy}");
        var answers = Answers.Empty;
        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } keyText })
                throw new MxException($"{YamlScalars.Malformed(name, key, "an answer name must be a plain word").Message}{Remedy}");
            if (known is not null && Unknown(name, key, keyText, known) is { } unknown) throw unknown;
            try
            {
                answers = answers.With(keyText, YamlScalars.ToAnswer(value, name));
            }
            catch (MxException e)
            {
                throw new MxException(e.Message + Remedy);
            }
        }
        return answers;
    }

    private static MxException? Unknown(string file, YamlNode key, string keyText, IReadOnlyCollection<Parameter> known)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var parameter in known)
        {
            if (parameter.Key == keyText) return null;
            keys.Add(parameter.Key);
        }
        var where = $"{file}({key.Start.Line},{key.Start.Column})";
        // Option names are what users see first (--name), but the file speaks in answer names.
        foreach (var parameter in known)
            if (parameter.OptionName == keyText || parameter.OptionName == keyText.Replace('_', '-'))
                return new MxException(
                    $"{where}: '{keyText}' is the option --{parameter.OptionName}; in an answers file its answer is named " +
                    $"'{parameter.Key}'. Write '{parameter.Key}: ...' instead.");
        var suggestion = EditDistance.Nearest(keyText, keys) is { } nearest ? $" Did you mean '{nearest}'?" : "";
        return new MxException(
            $"{where}: '{keyText}' is not an answer any generator asks for, so it would be ignored.{suggestion} " +
            $"Rename or remove it; the answers are: {string.Join(", ", keys)}.");
    }
}
