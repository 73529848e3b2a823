using System.Security.Cryptography;

namespace Mx.Plugins;

/// <summary>The content hash pinned in state for a plugin package: SHA-512 of the whole <c>.nupkg</c>.</summary>
public static class PackageHash
{
    public static string Of(byte[] package) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(package));
}
