using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mx.Generators.Internal;

/// <summary>
/// The one way mx parses YAML a user wrote: a parser that refuses nesting deeper than <see cref="MaxDepth"/>.
/// YamlDotNet builds its node tree (and mx walks it) recursively, so a file of a hundred thousand '[' would
/// otherwise overflow the stack, which no handler can catch.
/// </summary>
internal sealed class BoundedYaml : IParser
{
    /// <summary>Far deeper than real files: Kubeflow's CRD schemas, among the deepest, nest 47 levels.</summary>
    public const int MaxDepth = 256;

    private readonly IParser _inner;
    private int _depth;

    private BoundedYaml(IParser inner) => _inner = inner;

    public static IParser Parser(string text, bool skipComments = true) =>
        new BoundedYaml(new Parser(new Scanner(new StringReader(text), skipComments)));

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext()) return false;
        switch (_inner.Current)
        {
            case SequenceStart or MappingStart when ++_depth > MaxDepth:
                throw new YamlException(_inner.Current.Start, _inner.Current.End,
                    $"nested more than {MaxDepth} levels deep, deeper than mx reads");
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }
        return true;
    }
}
