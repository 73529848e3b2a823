using System.Runtime.InteropServices;
using System.Text;

namespace Mx.Generators.Internal;

/// <summary>
/// Reads a file a user may have put anything at: state, answers, lint inputs and lint config. Only regular files
/// are read, and only up to a size, so a FIFO cannot block mx, <c>/dev/zero</c> cannot exhaust memory, and a
/// directory or an unreadable file is a reason to report rather than an exception.
/// </summary>
internal static class UserFile
{
    /// <summary>Larger than any state, answers or configuration mx writes or reads, by far.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's bytes, or null with <paramref name="reason"/> saying why not, as a clause ("it is a directory, not a file").</summary>
    public static byte[]? TryRead(string path, long maxBytes, out string reason)
    {
        reason = "";
        if (Directory.Exists(path))
        {
            reason = "it is a directory, not a file";
            return null;
        }
        if (SpecialKind(path) is { } kind)
        {
            reason = $"it is {kind}, not a regular file";
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            // The length a file reports is not trusted: it can grow while being read, and devices report none.
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    reason = $"it is larger than {Size(maxBytes)}, more than mx reads";
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            reason = "it cannot be read (permission denied)";
            return null;
        }
        catch (IOException e)
        {
            reason = $"it cannot be read ({e.Message.TrimEnd('.')})";
            return null;
        }
    }

    /// <summary>The file as UTF-8 text (without a byte order mark), or null with the reason it cannot be read.</summary>
    public static string? TryReadText(string path, long maxBytes, out string reason) =>
        TryRead(path, maxBytes, out reason) is { } bytes ? Decode(bytes) : null;

    /// <summary>The file as text; a file that cannot be read is an <see cref="MxException"/> naming it, why, and <paramref name="remedy"/>.</summary>
    public static string ReadText(string path, string name, string remedy) =>
        TryReadText(path, MaxBytes, out var reason) ?? throw new MxException($"{name}: {reason}. {remedy}");

    public static string Decode(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";

    // .NET reports FIFOs, devices and sockets as ordinary files and has no public way to tell them apart, and
    // opening a FIFO blocks until a writer appears. The runtime's own native shim answers with a layout it
    // defines itself (the same on every Unix), of which only the leading mode field is read here.
    private static string? SpecialKind(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            if (Stat(path, out var status) != 0) return null;
            return (status.Mode & FileTypeMask) switch
            {
                TypeRegular or TypeDirectory => null,
                TypeFifo => "a named pipe (FIFO)",
                TypeCharacterDevice or TypeBlockDevice => "a device",
                TypeSocket => "a socket",
                _ => "a special file",
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim the size cap still bounds what is read.
            return null;
        }
    }

    private const int FileTypeMask = 0xF000, TypeFifo = 0x1000, TypeCharacterDevice = 0x2000, TypeDirectory = 0x4000,
        TypeBlockDevice = 0x6000, TypeRegular = 0x8000, TypeSocket = 0xC000;

    // Room for the whole structure, which has grown across runtime versions; only its head is declared.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
#pragma warning disable CS0649 // written by the native call
        public int Flags;
        public int Mode;
#pragma warning restore CS0649
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
}
