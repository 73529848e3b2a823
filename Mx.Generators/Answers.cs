using System.Collections;
using System.Globalization;

namespace Mx.Generators;

/// <summary>
/// An immutable set of answers in the shared namespace. Values are normalised to string, long, bool or
/// <c>IReadOnlyList&lt;string&gt;</c> so that answers from flags, files and state compare equal.
/// </summary>
public sealed class Answers : IReadOnlyDictionary<string, object>
{
    public static readonly Answers Empty = new(new SortedDictionary<string, object>(StringComparer.Ordinal));

    private readonly SortedDictionary<string, object> _values;

    private Answers(SortedDictionary<string, object> values) => _values = values;

    public Answers With(string key, object value)
    {
        var copy = new SortedDictionary<string, object>(_values, StringComparer.Ordinal) { [key] = Normalise(value) };
        return new Answers(copy);
    }

    public Answers WithAll(IEnumerable<KeyValuePair<string, object>> values) =>
        values.Aggregate(this, (answers, pair) => answers.With(pair.Key, pair.Value));

    public string GetString(string key) => (string)this[key];

    public int GetInt(string key) => checked((int)(long)this[key]);

    public bool GetBool(string key) => (bool)this[key];

    public IReadOnlyList<string> GetList(string key) => (IReadOnlyList<string>)this[key];

    /// <summary>Parses text typed on a command line or read from YAML into the parameter's type.</summary>
    public static object Parse(ParameterType type, string text) => type switch
    {
        ParameterType.String => text.Trim(),
        ParameterType.Integer => long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n : throw new FormatException($"'{text}' is not a whole number"),
        ParameterType.Boolean => text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "1" => true,
            "false" or "no" or "n" or "0" => false,
            _ => throw new FormatException($"'{text}' is not true or false"),
        },
        ParameterType.StringList => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Renders a value the way a user would type it, for prompts, describe and diffs.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IReadOnlyList<string> list => string.Join(",", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static object Normalise(object value) => value switch
    {
        string or long or bool => value,
        int i => (long)i,
        IEnumerable<string> list => list.ToArray(),
        _ => throw new ArgumentException($"unsupported answer type {value.GetType().Name}", nameof(value)),
    };

    public object this[string key] => _values.TryGetValue(key, out var value)
        ? value : throw new KeyNotFoundException($"no answer for '{key}'");
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<object> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out object value) => _values.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
