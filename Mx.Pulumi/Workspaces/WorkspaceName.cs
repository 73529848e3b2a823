using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>A workspace's name: a DNS-1123 label of at most 40 characters, so every object name derived from it is valid.</summary>
public static partial class WorkspaceName
{
    public const int MaxLength = 40;

    public static string Checked(string name) => Label().IsMatch(name) && name.Length <= MaxLength
        ? name
        : throw new MxException($"'{name}' cannot name a workspace: use at most {MaxLength} lowercase letters, digits and '-', " +
                                "starting with a letter and ending with a letter or digit, such as 'ada' or 'ada-gpu'.");

    /// <summary>The user part of the gcloud account (ada.lovelace@acme.ai -> ada-lovelace), as a workspace name.</summary>
    public static string Default(string account)
    {
        var user = account.Split('@')[0].ToLowerInvariant();
        var name = new string(user.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        name = name.Length > MaxLength ? name[..MaxLength].TrimEnd('-') : name;
        return name.Length > 0 && char.IsAsciiLetter(name[0])
            ? name
            : throw new MxException($"The account {account} gives no workspace name mx can use; name the workspace: mx workspace create NAME.");
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?\\z")]
    private static partial Regex Label();
}
