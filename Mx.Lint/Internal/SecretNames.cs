namespace Mx.Lint.Internal;

/// <summary>
/// Whether a setting's name says it holds a secret. Names are split into words (snake, kebab, dotted and
/// camel case) so that DB_PASSWORD and dbPassword match while TOKENIZERS_PARALLELISM does not.
/// </summary>
internal static class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "secret", "token", "credential", "credentials", "apikey", "passphrase",
    };

    private static readonly HashSet<string> KeyPrefixes = new(StringComparer.Ordinal) { "api", "private", "access", "secret", "signing" };

    public static bool IsSecret(string name)
    {
        var words = Words(name);
        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i])) return true;
            if (words[i] == "key" && i > 0 && KeyPrefixes.Contains(words[i - 1])) return true;
        }
        return false;
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsAsciiLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
            if (char.IsAsciiLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
