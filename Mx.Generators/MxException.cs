namespace Mx.Generators;

/// <summary>
/// An error the user can fix. Its message is one paragraph that says what is wrong and how to fix it;
/// the CLI prints it without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public class MxException(string message, ExitCode exitCode = ExitCode.BadInput, Exception? inner = null)
    : Exception(message, inner)
{
    public ExitCode ExitCode { get; } = exitCode;
}
