using System.Text;

namespace Mx.Generators.Internal;

/// <summary>Writes a file so that a reader sees either the old content or the new, never half of it.</summary>
internal static class AtomicFile
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string content) => Write(path, stream =>
    {
        var bytes = Utf8.GetBytes(content);
        stream.Write(bytes, 0, bytes.Length);
    });

    public static void Write(string path, byte[] content) => Write(path, stream => stream.Write(content, 0, content.Length));

    /// <summary>Writes what <paramref name="write"/> puts into the stream beside the file, then renames it over the file.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        // The process id keeps two mx processes writing the same file from sharing a temporary one.
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = File.Create(temp)) write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
