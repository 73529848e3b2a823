using System.Globalization;
using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Training;

/// <summary><c>mx run --max-wait</c>'s duration: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c> or a sum such as <c>1h30m</c>.</summary>
public static partial class WaitLimit
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    public static TimeSpan Parse(string text)
    {
        var match = Duration().Match(text);
        var total = TimeSpan.Zero;
        if (match.Success)
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var number = long.Parse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture);
                if (number > 1_000_000) { total = TimeSpan.MaxValue; break; }
                total += part.Value[^1] switch
                {
                    's' => TimeSpan.FromSeconds(number),
                    'm' => TimeSpan.FromMinutes(number),
                    'h' => TimeSpan.FromHours(number),
                    _ => TimeSpan.FromDays(number),
                };
            }
        if (!match.Success || total < TimeSpan.FromMinutes(1) || total > Longest)
            throw new MxException($"--max-wait {text}: give how long the job may wait for Kueue to admit it, from 1m to 30d, as a number with a unit " +
                                  "(s, m, h, d), for example 30m, 2h or 1h30m.");
        return total;
    }

    [GeneratedRegex("^(?<part>[0-9]{1,9}[smhd])+$")]
    private static partial Regex Duration();
}
