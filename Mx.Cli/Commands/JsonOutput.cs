using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mx.Cli.Commands;

/// <summary>The <c>--json</c> option and the one way mx prints JSON for scripts.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Option<bool> CreateOption() => new("--json") { Description = "Print the result as JSON for scripts" };

    public static void Write(CommandContext context, object value) =>
        context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
