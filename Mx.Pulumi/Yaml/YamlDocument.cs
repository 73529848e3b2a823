using Mx.Generators;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mx.Pulumi.Yaml;

/// <summary>
/// A one-document YAML file read into a <see cref="YamlTree"/> with its comments, and written back. Comments
/// that close a nested block (they sit before the parser's end-of-mapping event) are moved to the next entry
/// of the enclosing mapping, which is where a reader sees them.
/// </summary>
public sealed class YamlDocument
{
    private YamlDocument(YamlTree root, List<string> trailing)
    {
        Root = root;
        TrailingComments = trailing;
    }

    public YamlTree Root { get; }

    public List<string> TrailingComments { get; }

    public static YamlDocument Parse(string text, string path)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
        var pending = new List<string>();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) throw new MxException($"{path} is empty; it must hold a Pulumi YAML program.");
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, pending);
            SkipComments(parser, pending);
            parser.Consume<DocumentEnd>();
            SkipComments(parser, pending);
            if (!parser.Accept<StreamEnd>(out _)) throw new MxException($"{path} holds more than one YAML document; a Pulumi program is one.");
            return new YamlDocument(root, pending);
        }
        catch (YamlException e)
        {
            throw new MxException($"{path}({e.Start.Line},{e.Start.Column}): not valid YAML: {e.Message}. Fix the file and run the command again.");
        }
    }

    public string Write()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Root.EmitCommentsBefore(emitter);
        Root.Emit(emitter);
        foreach (var comment in TrailingComments) emitter.Emit(new Comment(comment, false));
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static YamlTree ReadNode(IParser parser, List<string> pending)
    {
        SkipComments(parser, pending);
        YamlTree node;
        if (parser.TryConsume<Scalar>(out var scalar)) node = new YamlScalar(scalar);
        else if (parser.Accept<AnchorAlias>(out var alias))
            throw new YamlException(alias.Start, alias.End, "mx does not edit files that use YAML aliases (*name); Pulumi programs do not need them");
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            // Comments between a key and its block belong to the block's first entry, where a reader sees them.
            var list = new YamlList(sequenceStart);
            while (!AtEnd<SequenceEnd>(parser, pending)) list.Items.Add(ReadNode(parser, pending));
            parser.Consume<SequenceEnd>();
            node = list;
            ReadInlineComment(parser, list.Items.LastOrDefault());
            return node;
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new YamlMap(mappingStart);
            while (!AtEnd<MappingEnd>(parser, pending))
            {
                var keyComments = new List<string>(pending);
                pending.Clear();
                if (ReadNode(parser, keyComments) is not YamlScalar key)
                    throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "mx edits only mappings whose keys are plain values");
                key.CommentsBefore.AddRange(keyComments);
                var value = ReadNode(parser, pending);
                map.Entries.Add(new(key, value));
            }
            parser.Consume<MappingEnd>();
            return map;
        }
        else throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "unexpected YAML content");
        Take(pending, node);
        ReadInlineComment(parser, node);
        return node;
    }

    private static void Take(List<string> pending, YamlTree node)
    {
        node.CommentsBefore.AddRange(pending);
        pending.Clear();
    }

    private static void ReadInlineComment(IParser parser, YamlTree? node)
    {
        if (node is not null && parser.Current is Comment { IsInline: true } comment)
        {
            node.CommentAfter = comment.Value;
            parser.MoveNext();
        }
    }

    /// <summary>True at the end of a collection; comments before the end stay pending for the next entry outside it.</summary>
    private static bool AtEnd<T>(IParser parser, List<string> pending) where T : ParsingEvent
    {
        SkipComments(parser, pending);
        return parser.Accept<T>(out _);
    }

    private static void SkipComments(IParser parser, List<string> pending)
    {
        while (parser.TryConsume<Comment>(out var comment)) pending.Add(comment.Value);
    }
}
