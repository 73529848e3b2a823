using System.Text.RegularExpressions;

namespace Mx.Generators;

/// <summary>Validation rules shared by generators. Each returns null when the value is valid, else the reason.</summary>
public static partial class Validators
{
    /// <summary>A DNS-1123 label short enough to prefix GCP resource names (service accounts allow 30 characters).</summary>
    public static string? ProjectName(object value) =>
        value is string s && ProjectNamePattern().IsMatch(s) ? null
        : "a project name is 2 to 20 characters of lowercase letters, digits and '-', starting with a letter and " +
          "ending with a letter or digit (it names the cluster, buckets and Kubernetes objects), e.g. 'acme-vision'.";

    /// <summary>GCP's rule for project ids.</summary>
    public static string? GcpProjectId(object value) =>
        value is string s && GcpProjectPattern().IsMatch(s) && !s.Contains("google", StringComparison.Ordinal) ? null
        : "a GCP project id is 6 to 30 characters of lowercase letters, digits and '-', starting with a letter and " +
          "not ending with '-' (see the project picker in the Cloud console for yours), e.g. 'acme-vision-prod'.";

    public static string? Emails(object value)
    {
        var bad = ((IReadOnlyList<string>)value).Where(e => !EmailPattern().IsMatch(e)).ToArray();
        return bad.Length == 0 ? null
            : $"{string.Join(", ", bad.Select(b => $"'{Answers.Excerpt(b)}'"))} {(bad.Length == 1 ? "is not an email address" : "are not email addresses")}; give Google account emails separated by commas.";
    }

    public static Func<object, Answers, string?> Between(long min, long max) => (value, _) =>
        value is long n && n >= min && n <= max ? null : $"must be a whole number from {min} to {max}.";

    public static Func<object, Answers, string?> Matching(Regex pattern, string example) => (value, _) =>
        value is string s && pattern.IsMatch(s) ? null : $"must look like '{example}'.";

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,18}[a-z0-9])\\z")]
    private static partial Regex ProjectNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]\\z")]
    private static partial Regex GcpProjectPattern();

    [GeneratedRegex(@"^[^@\s,]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\z")]
    private static partial Regex EmailPattern();
}
