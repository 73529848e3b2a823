using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>The <c>nvidia.com/gpu</c> extended resource of a container.</summary>
internal static class Gpus
{
    public const string Resource = "nvidia.com/gpu";

    /// <summary>GPUs the container gets: its limit, or its request when it sets no limit.</summary>
    public static int Requested(YamlNode container) =>
        container.At("resources", "limits", Resource).Int() ?? container.At("resources", "requests", Resource).Int() ?? 0;
}
