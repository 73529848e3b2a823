using System.Diagnostics;

namespace Mx.Tests.Support;

/// <summary>Byte-compiles generated Python with the machine's python3, the check every generator's output gets.</summary>
public static class PythonCompiler
{
    /// <summary>Returns python3's exit code and what it printed on stderr (the syntax errors).</summary>
    public static (int ExitCode, string Errors) Compile(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "py_compile" }.Concat(files)) start.ArgumentList.Add(arg);
        start.Environment["PYTHONPYCACHEPREFIX"] = Path.Combine(Path.GetTempPath(), "mx-tests-pycache");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }
}
