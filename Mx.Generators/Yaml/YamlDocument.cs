using Mx.Generators.Internal;
using Mx.Generators;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mx.Generators.Yaml;

/// <summary>
/// A one-document YAML file read into a <see cref="YamlTree"/> with its comments, and written back. Comments
/// that close a nested block (they sit before the parser's end-of-mapping event) are moved to the next entry
/// of the enclosing mapping, which is where a reader sees them. Blank lines above a mapping entry, which the
/// parser does not report, are read from the text and kept as markers among its comments.
/// </summary>
internal sealed class YamlDocument
{
    private YamlDocument(YamlTree root, List<string> trailing)
    {
        Root = root;
        TrailingComments = trailing;
    }

    public YamlTree Root { get; }

    public List<string> TrailingComments { get; }

    // YamlDotNet's emitter cannot write an empty line, so a blank line travels as a comment and is blanked after.
    private const string BlankLine = "mx:blank-line:1b7e";

    public static YamlDocument Parse(string text, string path)
    {
        var lines = text.Split('\n');
        var parser = BoundedYaml.Parser(text, skipComments: false);
        var pending = new List<string>();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) throw new MxException($"{path} is empty; it must hold a Pulumi YAML program.");
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, pending, lines);
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
        var written = writer.ToString().Split('\n');
        for (var i = 0; i < written.Length; i++)
            if (written[i].TrimStart() is var line && line.StartsWith('#') && line.TrimStart('#', ' ') == BlankLine) written[i] = "";
        IndentCommentsAboveFirstItems(written);
        return string.Join('\n', written);
    }

    // The emitter writes comments before a block sequence's first item at its key's indentation, where they would read as
    // being about the key; they belong to the item, whose dash is indented further.
    private static void IndentCommentsAboveFirstItems(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith('#')) continue;
            var next = i;
            while (next < lines.Length && lines[next].TrimStart().StartsWith('#')) next++;
            if (next < lines.Length && lines[next].TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                var indent = lines[next].Length - lines[next].TrimStart().Length;
                for (var j = i; j < next; j++)
                    if (lines[j].Length - lines[j].TrimStart().Length < indent) lines[j] = new string(' ', indent) + lines[j].TrimStart();
            }
            i = next - 1;
        }
    }

    private static YamlTree ReadNode(IParser parser, List<string> pending, string[] lines)
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
            while (!AtEnd<SequenceEnd>(parser, pending))
            {
                // Comments above an item belong to the item, written above its dash; were they left to a mapping
                // item's first key, they would be written after the dash, pushing the key to the next line.
                var itemComments = new List<string>(pending);
                pending.Clear();
                var item = ReadNode(parser, pending, lines);
                item.CommentsBefore.InsertRange(0, itemComments);
                list.Items.Add(item);
            }
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
                if (ReadNode(parser, keyComments, lines) is not YamlScalar key)
                    throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "mx edits only mappings whose keys are plain values");
                key.CommentsBefore.AddRange(keyComments);
                if (mappingStart.Style != MappingStyle.Flow)
                {
                    var laidOut = WithBlankLines(lines, (int)key.Event.Start.Line, key.CommentsBefore);
                    key.CommentsBefore.Clear();
                    key.CommentsBefore.AddRange(laidOut);
                }
                var value = ReadNode(parser, pending, lines);
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

    // The comments above a key, with a marker for each blank line among or above them. The lines right above the
    // key are read upwards while they are blank or comments; when their comments are not the parser's (a layout
    // this reading does not understand), the comments are kept without blank lines.
    private static List<string> WithBlankLines(string[] lines, int keyLine, List<string> comments)
    {
        var above = new List<string?>();
        for (var i = keyLine - 2; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) above.Add(null);
            else if (line.StartsWith('#')) above.Add(line);
            else break;
        }
        above.Reverse();
        if (above.Count(l => l is not null) != comments.Count) return [.. comments];
        var result = new List<string>(above.Count);
        var next = 0;
        foreach (var line in above) result.Add(line is null ? BlankLine : comments[next++]);
        return result;
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
