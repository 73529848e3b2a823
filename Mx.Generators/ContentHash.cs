using System.Security.Cryptography;
using System.Text;

namespace Mx.Generators;

internal static class ContentHash
{
    public static string Of(string content) => Of(Encoding.UTF8.GetBytes(content));

    public static string Of(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
