using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mx.Tests.Cli;

/// <summary>An interactive Spectre console that types the given keys and keeps what it printed, for prompt tests.</summary>
public sealed class ScriptedConsole : IAnsiConsole
{
    private readonly StringWriter _output = new();
    private readonly IAnsiConsole _inner;
    private readonly ScriptedInput _input;

    public ScriptedConsole(params ConsoleKeyInfo[] keys)
    {
        _inner = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // Selection prompts redraw themselves with escape sequences, so they refuse a console without them.
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(_output),
        });
        _inner.Profile.Width = 200;
        _input = new ScriptedInput(new Queue<ConsoleKeyInfo>(keys));
    }

    public static ConsoleKeyInfo[] Typed(string text, bool enter = true)
    {
        var keys = text.Select(c => new ConsoleKeyInfo(c, c == '-' ? ConsoleKey.OemMinus : char.IsDigit(c) ? ConsoleKey.D0 + (c - '0') : ConsoleKey.A + (char.ToUpperInvariant(c) - 'A'), false, false, false)).ToList();
        if (enter) keys.Add(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        return [.. keys];
    }

    /// <summary>What was printed, without escape sequences.</summary>
    public string Output => Regex.Replace(_output.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");

    public Profile Profile => _inner.Profile;
    public IAnsiConsoleCursor Cursor => _inner.Cursor;
    public IAnsiConsoleInput Input => _input;
    public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;
    public RenderPipeline Pipeline => _inner.Pipeline;
    public void Clear(bool home) => _inner.Clear(home);
    public void Write(IRenderable renderable) => _inner.Write(renderable);
    public void WriteAnsi(Action<AnsiWriter> action) => _inner.WriteAnsi(action);

    private sealed class ScriptedInput(Queue<ConsoleKeyInfo> keys) : IAnsiConsoleInput
    {
        public bool IsKeyAvailable() => keys.Count > 0;

        public ConsoleKeyInfo? ReadKey(bool intercept) =>
            keys.Count > 0 ? keys.Dequeue() : throw new InvalidOperationException("the prompt asked for more keys than the test typed");

        public Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) => Task.FromResult(ReadKey(intercept));
    }
}
