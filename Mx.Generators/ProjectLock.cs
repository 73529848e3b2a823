namespace Mx.Generators;

/// <summary>
/// Stops two mx processes from changing the same project at once. It is taken before state is read and held
/// until the new state is written, so a second process never plans against a state that is about to change.
/// The lock is an exclusively opened file that the OS releases when the process dies, so a crash never leaves a
/// stale lock behind. A second process waits a little, then gives up with a clear message.
/// </summary>
internal sealed class ProjectLock : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private readonly FileStream _stream;
    private readonly string? _createdDirectory;

    private ProjectLock(FileStream stream, string? createdDirectory)
    {
        _stream = stream;
        _createdDirectory = createdDirectory;
    }

    public static ProjectLock Acquire(string root) => Acquire(root, DefaultWait);

    public static ProjectLock Acquire(string root, TimeSpan wait)
    {
        var directory = Path.Combine(root, ".mx");
        var created = !Directory.Exists(directory);
        if (!created && new DirectoryInfo(directory).LinkTarget is { } target)
            throw new MxException(
                $"{directory} is a symbolic link (to {target}); mx keeps the project's state there and will not write through a link " +
                "that leads outside the project. Replace it with a real directory. Nothing was written.");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new ProjectLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose),
                    created ? directory : null);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                throw new MxException(
                    $"Another mx process is changing this project (it has held {path} for over {wait.TotalSeconds:0} s). " +
                    "Wait for it to finish and run the command again; nothing was written.");
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        // A lock taken in a folder that was not an mx project yet leaves nothing behind when nothing was written.
        if (_createdDirectory is not null && Directory.Exists(_createdDirectory) && !Directory.EnumerateFileSystemEntries(_createdDirectory).Any())
        {
            try { Directory.Delete(_createdDirectory); }
            catch (IOException) { }
        }
    }
}
