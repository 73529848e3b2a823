using System.Text.RegularExpressions;

namespace Mx.Generators.BuiltIn;

/// <summary>The github_repo answer CI generators share: a github.com repository as owner/name.</summary>
internal static partial class GitHubRepository
{
    public static string? Problem(string value)
    {
        if (value.Split('/') is not [var owner, var repo])
            return $"'{value}' is not owner/name; write the repository as GitHub shows it, e.g. acme/acme-vision.";
        if (!OwnerPattern().IsMatch(owner))
            return $"'{owner}' cannot be a GitHub owner: 1-39 letters, digits or single dashes, not starting or ending with a dash.";
        if (!RepoPattern().IsMatch(repo) || repo is "." or "..")
            return $"'{repo}' cannot be a GitHub repository name: up to 100 letters, digits, '.', '-' or '_'.";
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\z")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}\z")]
    private static partial Regex RepoPattern();
}
