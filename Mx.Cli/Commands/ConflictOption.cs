using System.CommandLine;
using Mx.Generators;

namespace Mx.Cli.Commands;

/// <summary><c>--conflicts theirs|mine|markers</c>: how commands that write generated files decide conflicts without asking.</summary>
internal static class ConflictOption
{
    public static Option<string?> Create() => new("--conflicts")
    {
        Description = "Decide every conflict without asking: theirs (mx's version; yours backed up), mine (keep yours), " +
                      "markers (write both with git-style conflict markers, exit 3)",
        HelpName = "theirs|mine|markers",
    };

    public static ConflictResolution? Parse(string? value) => value switch
    {
        null => null,
        "theirs" => ConflictResolution.Theirs,
        "mine" => ConflictResolution.Mine,
        "markers" => ConflictResolution.Markers,
        _ => throw new MxException($"Invalid --conflicts '{value}': use theirs (mx's version, yours backed up), mine (keep yours) or markers (both, between conflict markers)."),
    };
}
