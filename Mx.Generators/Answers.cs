using System.Collections;
using System.Globalization;

namespace Mx.Generators;

/// <summary>
/// An immutable set of answers in the shared namespace, in ordinal key order. Values are normalised to string,
/// long, bool or <c>IReadOnlyList&lt;string&gt;</c> so that answers from flags, files and state compare equal.
/// </summary>
/// <remarks>
/// Two arrays kept sorted rather than a <c>SortedDictionary</c>: a project has a few dozen answers, and the
/// framework ships no precompiled code for a sorted set of key-value pairs, which a cold <c>mx generate</c>
/// would JIT-compile (about 45 methods).
/// </remarks>
public sealed class Answers : IReadOnlyDictionary<string, object>
{
    public static readonly Answers Empty = new([], []);

    private readonly string[] _keys;
    private readonly object[] _values;

    private Answers(string[] keys, object[] values)
    {
        _keys = keys;
        _values = values;
    }

    public Answers With(string key, object value)
    {
        var normalised = Normalise(value);
        var index = IndexOf(key);
        if (index >= 0)
        {
            var values = (object[])_values.Clone();
            values[index] = normalised;
            return new Answers(_keys, values);
        }
        var at = ~index;
        var keys = new string[_keys.Length + 1];
        var newValues = new object[_values.Length + 1];
        Array.Copy(_keys, keys, at);
        Array.Copy(_values, newValues, at);
        keys[at] = key;
        newValues[at] = normalised;
        Array.Copy(_keys, at, keys, at + 1, _keys.Length - at);
        Array.Copy(_values, at, newValues, at + 1, _values.Length - at);
        return new Answers(keys, newValues);
    }

    // The key's index, or the bitwise complement of where it would go.
    private int IndexOf(string key)
    {
        int low = 0, high = _keys.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_keys[middle], key);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    public Answers WithAll(IEnumerable<KeyValuePair<string, object>> values) =>
        values.Aggregate(this, (answers, pair) => answers.With(pair.Key, pair.Value));

    public string GetString(string key) => (string)this[key];

    public int GetInt(string key) => checked((int)(long)this[key]);

    public bool GetBool(string key) => (bool)this[key];

    public IReadOnlyList<string> GetList(string key) => (IReadOnlyList<string>)this[key];

    /// <summary>Parses text typed on a command line or read from YAML into the parameter's type.</summary>
    /// <summary>A value as an error message quotes it: cut to 80 characters, so a pasted file does not flood the terminal.</summary>
    internal static string Excerpt(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");

    public static object Parse(ParameterType type, string text) => type switch
    {
        ParameterType.String => text.Trim(),
        ParameterType.Integer => long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n : throw new FormatException($"'{Excerpt(text)}' is not a whole number"),
        ParameterType.Boolean => text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "1" => true,
            "false" or "no" or "n" or "0" => false,
            _ => throw new FormatException($"'{Excerpt(text)}' is not true or false"),
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

    public object this[string key] => TryGetValue(key, out var value)
        ? value : throw new KeyNotFoundException($"no answer for '{key}'");
    public IEnumerable<string> Keys => _keys;
    public IEnumerable<object> Values => _values;
    public int Count => _keys.Length;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++) yield return new(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
