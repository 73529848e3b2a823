namespace Mx.Generators;

/// <summary>
/// A structured edit of a file another generator (or the user) owns: <see cref="Apply"/> turns the file's text into
/// the edited text, changing only what the edit is about (a YAML-aware merge, never string concatenation), and is
/// idempotent. The applier runs it on what mx last wrote and on the working tree alike, so the user's own edits
/// to the file stay and stay theirs; it goes through the same conflict policy, lock and journal as any file.
/// </summary>
public sealed record FileEdit(string Path, string Description, Func<string, string> Apply);
