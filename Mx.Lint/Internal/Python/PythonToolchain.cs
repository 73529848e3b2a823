namespace Mx.Lint.Internal.Python;

/// <summary>
/// The Python tools mx delegates to: ruff when it is on PATH, else flake8 and <c>black --check</c>. Argument
/// lists are built by pure functions; files go in batches so no command line grows past the system's limit.
/// </summary>
internal sealed class PythonToolchain
{
    private const int Batch = 500;

    private readonly IToolRunner _runner;
    private readonly string? _ruff;
    private readonly string? _flake8;
    private readonly string? _black;

    private PythonToolchain(IToolRunner runner, string? ruff, string? flake8, string? black)
    {
        _runner = runner;
        _ruff = ruff;
        _flake8 = ruff is null ? flake8 : null;
        _black = ruff is null ? black : null;
    }

    public static PythonToolchain Detect(IToolRunner runner) => new(runner, runner.Find("ruff"), runner.Find("flake8"), runner.Find("black"));

    /// <summary>Which tools run, part of the cache key of Python files: installing ruff re-checks them.</summary>
    public string Identity => $"ruff={Stamp(_ruff)};flake8={Stamp(_flake8)};black={Stamp(_black)}";

    /// <summary>What the user should know about missing tools, or null when every tool mx wants is there.</summary>
    public string? Missing =>
        _ruff is not null || (_flake8 is not null && _black is not null) ? null
        : _flake8 is null && _black is null
            ? "Python files were not linted: neither ruff nor flake8 and black is on PATH. Install ruff (pip install ruff) or flake8 and black (apt-get install flake8 black)."
            : $"Python files were only partly linted: {(_flake8 is null ? "flake8" : "black")} is not on PATH. Install ruff (pip install ruff), or {(_flake8 is null ? "flake8" : "black")}.";

    public List<ToolFinding> Run(string root, IReadOnlyList<string> files, bool lint, bool format)
    {
        var findings = new List<ToolFinding>();
        if (files.Count == 0) return findings;
        var settings = PyprojectSettings.Read(root);
        foreach (var batch in files.Chunk(Batch))
        {
            if (_ruff is not null && lint)
                findings.AddRange(PythonToolOutput.Ruff(Invoke(_ruff, RuffArguments(batch), root, okCodes: [0, 1]).Output, root));
            if (_flake8 is not null && lint)
                findings.AddRange(PythonToolOutput.Flake8(Invoke(_flake8, Flake8Arguments(settings, batch), root, okCodes: [0, 1]).Output, root));
            if (_black is not null && format)
                findings.AddRange(PythonToolOutput.Black(Invoke(_black, BlackArguments(settings, batch), root, okCodes: [0, 1, 123]).Error, root));
        }
        return findings;
    }

    public static IReadOnlyList<string> RuffArguments(IEnumerable<string> files) =>
        ["check", "--output-format=json", "--no-fix", "--force-exclude", "--exit-zero", .. files];

    public static IReadOnlyList<string> Flake8Arguments(PyprojectSettings settings, IEnumerable<string> files) =>
        settings.HasFlake8Config || settings.RuffLineLength is null
            ? [.. files]
            // black's style breaks lines where pycodestyle's E203/W503 object; ruff leaves them out by default too.
            : [$"--max-line-length={settings.RuffLineLength}", "--extend-ignore=E203,W503", .. files];

    public static IReadOnlyList<string> BlackArguments(PyprojectSettings settings, IEnumerable<string> files) =>
        settings.HasBlackSection || settings.RuffLineLength is null
            ? ["--check", .. files]
            : ["--check", "--line-length", settings.RuffLineLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files];

    private ToolResult Invoke(string tool, IReadOnlyList<string> arguments, string root, int[] okCodes)
    {
        var result = _runner.Run(tool, arguments, root);
        if (!okCodes.Contains(result.ExitCode))
            throw new Mx.Generators.MxException(
                $"{Path.GetFileName(tool)} failed (exit code {result.ExitCode}): {FirstLines(result.Error + result.Output)} " +
                "Check the tool's configuration in pyproject.toml, or run it by hand to see the whole error.", Mx.Generators.ExitCode.Failed);
        return result;
    }

    private static string FirstLines(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3)).Trim();

    private static string Stamp(string? path)
    {
        if (path is null) return "none";
        try
        {
            return $"{path}@{File.GetLastWriteTimeUtc(path).Ticks}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return path;
        }
    }
}
