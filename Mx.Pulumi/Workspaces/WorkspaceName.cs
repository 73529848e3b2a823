using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// A workspace's name: a DNS-1123 label of at most 40 characters, so that the objects named after it
/// (<c>ws-NAME-home</c>, <c>ws-NAME-jupyter</c>) and the ssh host <c>mx-PROJECT-NAME</c> stay valid names.
/// </summary>
internal static partial class WorkspaceName
{
    public const int MaxLength = 40;

    public static string Checked(string name)
    {
        if (name.Length is 0 or > MaxLength || !Label().IsMatch(name))
            throw new MxException(
                $"'{name}' is not a workspace name: use 1 to {MaxLength} lower-case letters, digits and '-', starting with a letter and ending " +
                "with a letter or digit, such as 'ada-dev'. 'mx workspace list' shows your workspaces.");
        return name;
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Label();
}
