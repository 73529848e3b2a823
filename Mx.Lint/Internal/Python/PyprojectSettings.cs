using System.Text.RegularExpressions;

namespace Mx.Lint.Internal.Python;

/// <summary>
/// What the fallback tools need from the project's configuration: flake8 and black do not read [tool.ruff],
/// so its line length is passed to them unless they have settings of their own.
/// </summary>
internal sealed partial record PyprojectSettings(int? RuffLineLength, bool HasBlackSection, bool HasFlake8Config)
{
    public static PyprojectSettings Read(string root)
    {
        int? lineLength = null;
        var black = false;
        var section = "";
        foreach (var line in ReadLines(Path.Combine(root, "pyproject.toml")))
        {
            var text = line.Trim();
            if (text.StartsWith('[')) { section = text.Trim('[', ']').Trim(); black |= section == "tool.black"; continue; }
            if (section == "tool.ruff" && LineLength().Match(text) is { Success: true } m) lineLength = int.Parse(m.Groups[1].Value);
        }
        var flake8 = File.Exists(Path.Combine(root, ".flake8")) ||
                     ReadLines(Path.Combine(root, "setup.cfg")).Concat(ReadLines(Path.Combine(root, "tox.ini"))).Any(l => l.Trim() == "[flake8]");
        return new PyprojectSettings(lineLength, black, flake8);
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"^line-length\s*=\s*(\d+)")]
    private static partial Regex LineLength();
}
