using System.Globalization;
using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace keep</c>'s opt-out from the idle reaper: until when, and why, as the two annotations the reaper
/// reads (<c>mx.dev/keep-until</c> as ISO 8601 with its offset, <c>mx.dev/keep-reason</c>). The reaper ignores an
/// opt-out without a reason or beyond its maximum, so mx refuses those here, where the user can still fix them.
/// </summary>
public sealed partial record ReaperOptOut(DateTimeOffset Until, string Reason)
{
    public const string UntilAnnotation = "mx.dev/keep-until";
    public const string ReasonAnnotation = "mx.dev/keep-reason";
    private const int MaxReasonLength = 200;

    /// <summary>The annotation value: local time with its offset, as people wrote it and Python's fromisoformat reads it.</summary>
    public string UntilText => Until.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="until"/> is a time with its offset (2026-12-10T18:00+01:00), a day (2026-12-10: to its end, in
    /// <paramref name="zone"/>) or a span from now (36h, 3d); it must lie after <paramref name="now"/> and at most
    /// <paramref name="maxDays"/> days ahead.
    /// </summary>
    public static ReaperOptOut Parse(string until, string reason, DateTimeOffset now, int maxDays, TimeZoneInfo zone)
    {
        reason = reason.Trim();
        if (reason.Length == 0 || reason.Length > MaxReasonLength || reason.Contains('\n'))
            throw new MxException($"--reason must say in one line of at most {MaxReasonLength} characters why the workspace is kept " +
                                  "(the owner's team reads it in 'mx workspace list'), e.g. --reason 'benchmark runs over the weekend'.");
        var at = When(until.Trim(), now, zone) ?? throw new MxException(
            $"--until '{until}' is not a time mx reads: give a time with its offset (2026-12-10T18:00+01:00), a day (2026-12-10, kept to its " +
            "end) or a span from now (36h, 3d).");
        if (at <= now)
            throw new MxException($"--until {at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} has passed; give a time after now.");
        if (at > now.AddDays(maxDays))
            throw new MxException($"--until {at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} is more than {maxDays} days ahead, " +
                                  "the most the idle reaper honours for this workspace (the workspace_max_keep_days answer); keep it for less, " +
                                  "and keep it again when that ends.");
        return new ReaperOptOut(at, reason);
    }

    private static DateTimeOffset? When(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (Span().Match(text) is { Success: true } span)
        {
            var amount = int.Parse(span.Groups[1].Value, CultureInfo.InvariantCulture);
            return span.Groups[2].Value == "h" ? now.AddHours(amount) : now.AddDays(amount);
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var end = day.ToDateTime(new TimeOnly(23, 59, 59));
            return new DateTimeOffset(end, zone.GetUtcOffset(end));
        }
        // Only a time that says its offset: one without would be read in whichever zone the reaper runs.
        if (HasOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        return null;
    }

    [GeneratedRegex("^([0-9]{1,4})([hd])\\z")]
    private static partial Regex Span();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})\\z")]
    private static partial Regex HasOffset();
}
