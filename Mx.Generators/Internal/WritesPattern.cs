namespace Mx.Generators.Internal;

/// <summary>
/// Matches a path against an <see cref="IGenerator.Writes"/> entry, whose answer-dependent parts are written
/// <c>&lt;key&gt;</c> and stand for any text within one path segment.
/// </summary>
internal static class WritesPattern
{
    public static bool Matches(string pattern, string path)
    {
        var patternSegments = pattern.Split('/');
        var pathSegments = path.Split('/');
        if (patternSegments.Length != pathSegments.Length) return false;
        for (var i = 0; i < patternSegments.Length; i++)
            if (!SegmentMatches(patternSegments[i], pathSegments[i])) return false;
        return true;
    }

    private static bool SegmentMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> segment)
    {
        var open = pattern.IndexOf('<');
        var close = open < 0 ? -1 : pattern[open..].IndexOf('>');
        if (close < 0) return pattern.SequenceEqual(segment);
        // A token matches at least one character; try every length and let the rest of the pattern decide.
        if (!segment.StartsWith(pattern[..open])) return false;
        var rest = pattern[(open + close + 1)..];
        for (var end = open + 1; end <= segment.Length; end++)
            if (SegmentMatches(rest, segment[end..])) return true;
        return false;
    }
}
