namespace Mx.Generators.Internal;

/// <summary>Orders dotted versions (<c>1.10.0</c> after <c>1.9.2</c>) by their numeric parts; a pre-release or build suffix is ignored.</summary>
internal static class VersionOrder
{
    public static int Compare(string a, string b)
    {
        var left = Parts(a);
        var right = Parts(b);
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var order = (i < left.Length ? left[i] : 0).CompareTo(i < right.Length ? right[i] : 0);
            if (order != 0) return order;
        }
        return 0;
    }

    private static long[] Parts(string version)
    {
        var core = version.Split('-', '+')[0];
        return core.Split('.').Select(p => long.TryParse(p, out var n) ? n : 0).ToArray();
    }
}
