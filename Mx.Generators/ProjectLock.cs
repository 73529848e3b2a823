namespace Mx.Generators;

/// <summary>
/// Stops two mx processes from writing the same project at once. The lock is an exclusively opened file
/// that the OS releases when the process dies, so a crash never leaves a stale lock behind.
/// </summary>
public sealed class ProjectLock : IDisposable
{
    private readonly FileStream _stream;

    private ProjectLock(FileStream stream) => _stream = stream;

    public static ProjectLock Acquire(string root)
    {
        var directory = Path.Combine(root, ".mx");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "lock");
        try
        {
            return new ProjectLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException)
        {
            throw new MxException(
                $"Another mx process is changing this project (it holds {path}). Wait for it to finish and run the command again.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
