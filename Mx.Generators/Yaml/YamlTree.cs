using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mx.Generators.Yaml;

/// <summary>
/// A YAML node that keeps the comments around it, so a program mx edits keeps its explanations. YamlDotNet's
/// representation model drops comments; this tree is built from the parser's event stream with comments
/// switched on, and written back through YamlDotNet's emitter. Blank lines are not part of the event stream;
/// <see cref="YamlDocument"/> keeps those above mapping entries.
/// </summary>
internal abstract class YamlTree
{
    /// <summary>Whole-line comments just above the node (or above its key, for a mapping value).</summary>
    public List<string> CommentsBefore { get; } = [];

    /// <summary>A comment at the end of the node's line.</summary>
    public string? CommentAfter { get; set; }

    public static YamlScalar Scalar(string value) => new(new Scalar(value));

    public static YamlMap Map(params (string Key, YamlTree Value)[] entries)
    {
        var map = new YamlMap(new MappingStart());
        foreach (var (key, value) in entries) map.Set(key, value);
        return map;
    }

    public static YamlList List(params YamlTree[] items)
    {
        var list = new YamlList(new SequenceStart(null, null, true, SequenceStyle.Block));
        list.Items.AddRange(items);
        return list;
    }

    /// <summary>Equal content: same structure and values, whatever the comments and quoting.</summary>
    public abstract bool SameContent(YamlTree other);

    internal abstract void Emit(IEmitter emitter);

    internal void EmitCommentsBefore(IEmitter emitter)
    {
        foreach (var comment in CommentsBefore) emitter.Emit(new Comment(comment, false));
    }

    internal void EmitCommentAfter(IEmitter emitter)
    {
        if (CommentAfter is { } comment) emitter.Emit(new Comment(comment, true));
    }
}

/// <summary>A plain or quoted value, written back with its original style.</summary>
internal sealed class YamlScalar(Scalar value) : YamlTree
{
    public Scalar Event { get; } = value;

    public string Value => Event.Value;

    public override bool SameContent(YamlTree other) => other is YamlScalar s && s.Value == Value;

    internal override void Emit(IEmitter emitter) => emitter.Emit(Event);
}

/// <summary>A sequence.</summary>
internal sealed class YamlList(SequenceStart start) : YamlTree
{
    public SequenceStart Start { get; } = start;
    public List<YamlTree> Items { get; } = [];

    public override bool SameContent(YamlTree other) =>
        other is YamlList list && list.Items.Count == Items.Count && Items.Zip(list.Items).All(p => p.First.SameContent(p.Second));

    internal override void Emit(IEmitter emitter)
    {
        emitter.Emit(Start);
        foreach (var item in Items)
        {
            item.EmitCommentsBefore(emitter);
            item.Emit(emitter);
            item.EmitCommentAfter(emitter);
        }
        emitter.Emit(new SequenceEnd());
    }
}

/// <summary>A mapping whose keys are plain values, in file order.</summary>
internal sealed class YamlMap(MappingStart start) : YamlTree
{
    public MappingStart Start { get; } = start;
    public List<KeyValuePair<YamlScalar, YamlTree>> Entries { get; } = [];

    public YamlTree? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key.Value);

    /// <summary>Adds the entry at the end, or replaces the value of an existing key in place.</summary>
    public void Set(string key, YamlTree value)
    {
        var index = Entries.FindIndex(e => e.Key.Value == key);
        if (index >= 0) Entries[index] = new(Entries[index].Key, value);
        else Entries.Add(new(Scalar(key), value));
    }

    public override bool SameContent(YamlTree other) =>
        other is YamlMap map && map.Entries.Count == Entries.Count
        && Entries.All(e => map.Get(e.Key.Value) is { } theirs && e.Value.SameContent(theirs));

    internal override void Emit(IEmitter emitter)
    {
        emitter.Emit(Start);
        foreach (var (key, value) in Entries)
        {
            // Comments above an entry belong to its key; those the parser saw before the value go there too.
            key.EmitCommentsBefore(emitter);
            value.EmitCommentsBefore(emitter);
            key.Emit(emitter);
            value.Emit(emitter);
            value.EmitCommentAfter(emitter);
        }
        emitter.Emit(new MappingEnd());
    }
}
