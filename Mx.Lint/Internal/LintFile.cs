using System.Text.RegularExpressions;
using Mx.Generators.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>
/// A file being linted. Its YAML is parsed once, on first use, and the parsed documents, Kubernetes objects,
/// Pulumi resources and Dockerfile instructions are shared by every rule.
/// </summary>
internal sealed partial class LintFile
{
    private readonly Lazy<string[]> _lines;
    private readonly Lazy<(IReadOnlyList<YamlDocument> Documents, Violation? Error)> _yaml;
    private readonly Lazy<IReadOnlyList<KubeObject>> _objects;
    private readonly Lazy<IReadOnlyList<PulumiResource>> _resources;
    private readonly Lazy<IReadOnlyList<DockerInstruction>> _instructions;

    public LintFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Text = text;
        FileName = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        _lines = new(() => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
        _yaml = new(ParseYaml);
        _objects = new(() => YamlDocuments.Select(d => KubeObject.From(d.RootNode)).OfType<KubeObject>().ToList());
        _resources = new(() => IsPulumiProgram ? PulumiResource.In(YamlDocuments[0].RootNode) : []);
        _instructions = new(() => IsDockerfile ? DockerInstruction.Parse(Lines) : []);
    }

    public string RelativePath { get; }
    public string Text { get; }
    public string FileName { get; }
    public IReadOnlyList<string> Lines => _lines.Value;

    public bool IsYaml => FileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || FileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    public bool IsPython => FileName.EndsWith(".py", StringComparison.Ordinal);
    public bool IsStateFile => RelativePath == Mx.Generators.StateFile.RelativePath;
    public bool IsLintConfig => RelativePath == LintConfig.RelativePath;
    public bool IsPulumiStackConfig => IsYaml && StackConfigName().IsMatch(FileName);

    public bool IsDockerfile =>
        FileName is "Dockerfile" or "Containerfile" || FileName.StartsWith("Dockerfile.", StringComparison.Ordinal) ||
        FileName.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase);

    /// <summary>A Pulumi YAML program: one document whose <c>resources</c> is a mapping of typed resources.</summary>
    public bool IsPulumiProgram =>
        IsYaml && !IsPulumiStackConfig && YamlDocuments.Count == 1 && YamlDocuments[0].RootNode is YamlMappingNode root &&
        root.Get("apiVersion") is null && root.Get("resources") is YamlMappingNode;

    public IReadOnlyList<YamlDocument> YamlDocuments => IsYaml ? _yaml.Value.Documents : [];

    /// <summary>Set when the file is YAML that does not parse; no YAML rule runs on it then.</summary>
    public Violation? YamlError => IsYaml ? _yaml.Value.Error : null;

    public IReadOnlyList<KubeObject> KubernetesObjects => _objects.Value;
    public IReadOnlyList<PulumiResource> PulumiResources => _resources.Value;
    public IReadOnlyList<DockerInstruction> DockerInstructions => _instructions.Value;

    /// <summary>The 1-based line and column of a character offset in <see cref="Text"/>.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = Text.IndexOf('\n'); i >= 0 && i < offset; i = Text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }
        return (line, offset - lineStart + 1);
    }

    public string LineText(int line) => line >= 1 && line <= Lines.Count ? Lines[line - 1] : "";

    private (IReadOnlyList<YamlDocument>, Violation?) ParseYaml()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(BoundedYaml.Parser(Text));
            return (stream.Documents.ToList(), null);
        }
        catch (YamlException e)
        {
            var line = (int)Math.Max(1, e.Start.Line);
            return ([], new Violation(line, (int)Math.Max(1, e.Start.Column), $"not valid YAML: {FirstSentence(e.Message)}"));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this without a position on some unterminated flow collections.
            return ([], new Violation(1, 1, $"not valid YAML: {FirstSentence(e.Message)}"));
        }
    }

    private static string FirstSentence(string message)
    {
        var text = message.Contains("): ", StringComparison.Ordinal) ? message[(message.IndexOf("): ", StringComparison.Ordinal) + 3)..] : message;
        return text.TrimEnd('.');
    }

    [GeneratedRegex(@"^Pulumi\.[^.]+\.ya?ml$")]
    private static partial Regex StackConfigName();
}
