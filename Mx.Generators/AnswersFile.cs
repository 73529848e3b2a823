using Mx.Generators.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Generators;

/// <summary>Reads an <c>--answers FILE</c>: a YAML mapping from answer names (<c>gcp_project</c>) to values.</summary>
public static class AnswersFile
{
    public static Answers Load(string path)
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
}
