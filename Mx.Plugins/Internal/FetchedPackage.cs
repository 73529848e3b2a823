namespace Mx.Plugins.Internal;

/// <summary>A package downloaded from a feed and not yet trusted, verified or run.</summary>
internal sealed record FetchedPackage(string Id, string Version, string Source, byte[] Bytes);
