namespace Mx.Lint.Internal;

/// <summary>Reads the tag of an image reference (<c>registry:port/path/name:tag@digest</c>).</summary>
internal static class ImageReference
{
    /// <summary>Why the reference is not pinned, or null when it names a version tag or a digest.</summary>
    public static string? Problem(string reference)
    {
        if (reference.Contains("@sha256:", StringComparison.Ordinal)) return null;
        var name = reference[(reference.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        if (colon < 0) return "has no tag, so it means ':latest'";
        return name[(colon + 1)..] == "latest" ? "uses the moving 'latest' tag" : null;
    }
}
