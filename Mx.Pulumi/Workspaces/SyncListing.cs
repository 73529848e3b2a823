using System.Globalization;
using System.Text;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// Reads the file list of one side from an rsync dry run into an empty directory, printed with
/// <see cref="OutFormat"/>: rsync applies the same filters (.gitignore, .mxignore) to both sides, so both lists
/// are filtered alike.
/// </summary>
internal static class SyncListing
{
    /// <summary>Item type and flags, size, modification time, then the name (last, as it may hold the separator).</summary>
    public const string OutFormat = "%i|%l|%M|%n";

    public static Dictionary<string, SyncFile> Parse(string output)
    {
        var files = new Dictionary<string, SyncFile>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split('|', 4);
            // Regular files and symlinks; directories follow from the files in them.
            if (parts.Length != 4 || parts[0].Length < 2 || parts[0][1] is not ('f' or 'L')) continue;
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)) continue;
            files[Unescape(parts[3])] = new SyncFile(size, parts[2]);
        }
        return files;
    }

    /// <summary>rsync prints bytes it will not show as-is (a newline in a name) as <c>\#ooo</c>, in octal.</summary>
    public static string Unescape(string name)
    {
        if (!name.Contains("\\#", StringComparison.Ordinal)) return name;
        var bytes = new List<byte>();
        var run = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '\\' || i + 1 >= name.Length || name[i + 1] != '#' || !IsOctal(name, i + 2)) continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(name[run..i]));
            bytes.Add((byte)Convert.ToInt32(name.Substring(i + 2, 3), 8));
            i += 4;
            run = i + 1;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(name[run..]));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string text, int at) =>
        at + 3 <= text.Length && text.Substring(at, 3).All(c => c is >= '0' and <= '7');
}
