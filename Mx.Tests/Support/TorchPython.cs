using System.Diagnostics;

namespace Mx.Tests.Support;

/// <summary>
/// A python3 that can import PyTorch, for the tests that run the generated trainer: /usr/bin/python3 first (where
/// Debian's python3-torch installs it, and where CI installs it), then python3 on PATH (often a pyenv or venv
/// interpreter without it). There is no skipping: CI must provide PyTorch, so without it these tests fail saying how.
/// </summary>
public static class TorchPython
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public const string Missing =
        "PyTorch is not importable by any python3: install Debian's python3-torch (apt-get install python3-torch " +
        "python3-omegaconf python3-pytest). Tried: ";

    private static readonly string[] Candidates = ["/usr/bin/python3", "python3"];

    private static readonly Lazy<(string? Interpreter, string Tried)> Found = new(Find);

    /// <summary>The interpreter's path or name; fails the calling test when no candidate imports torch.</summary>
    public static string Interpreter =>
        Found.Value.Interpreter ?? throw new Xunit.Sdk.XunitException(Missing + Found.Value.Tried);

    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Run(Interpreter, workingDirectory, environment, TimeSpan.FromMinutes(3), args);

    private static (string?, string) Find()
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates)
        {
            if (candidate.StartsWith('/') && !File.Exists(candidate)) { tried.Add($"{candidate} (absent)"); continue; }
            try
            {
                var probe = Run(candidate, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), "-c", "import torch");
                if (probe.ExitCode == 0) return (candidate, "");
                tried.Add($"{candidate} ({probe.Error.Trim().Split('\n')[^1]})");
            }
            catch (System.ComponentModel.Win32Exception) { tried.Add($"{candidate} (not found)"); }
        }
        return (null, string.Join("; ", tried));
    }

    private static Result Run(string interpreter, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
