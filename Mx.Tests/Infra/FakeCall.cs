using System.Text.Json;

namespace Mx.Tests.Infra;

/// <summary>One run of a fake tool, as the fake recorded it.</summary>
public sealed record FakeCall(string Tool, IReadOnlyList<string> Argv, string Cwd, IReadOnlyDictionary<string, string> Env, bool PassphraseSet, string? Stdin, bool? Interrupted)
{
    public static FakeCall Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var env = root.GetProperty("env");
        return new FakeCall(
            root.GetProperty("tool").GetString()!,
            root.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray(),
            root.GetProperty("cwd").GetString()!,
            env.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!),
            env.TryGetProperty("passphrase_set", out var set) && set.GetBoolean(),
            root.TryGetProperty("stdin", out var stdin) && stdin.ValueKind == JsonValueKind.String ? stdin.GetString() : null,
            root.TryGetProperty("interrupted", out var interrupted) ? interrupted.GetBoolean() : null);
    }

    public string Command => string.Join(' ', Argv.TakeWhile(a => !a.StartsWith('-')));

    public override string ToString() => $"{Tool} {string.Join(' ', Argv)} (in {Cwd})";
}
