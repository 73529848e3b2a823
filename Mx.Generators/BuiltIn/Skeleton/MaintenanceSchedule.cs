using System.Globalization;

namespace Mx.Generators.BuiltIn.Skeleton;

/// <summary>
/// The GKE maintenance window and node-upgrade freeze of the cluster, from the answers <c>maintenance_window</c> (an
/// RRULE), <c>maintenance_hours</c> (UTC) and <c>node_upgrade_freeze</c>, with the rules the GKE API enforces, so that a
/// value GKE would refuse at <c>mx up</c> is refused at <c>mx generate</c> instead.
/// </summary>
internal static class MaintenanceSchedule
{
    public const string DefaultRecurrence = "FREQ=WEEKLY;BYDAY=SA,SU";
    public const string DefaultHours = "00:00-08:00";
    public const string NoFreeze = "none";

    // GKE: "at least 48 hours of maintenance availability in a 32-day rolling window; only contiguous availability
    // windows of at least four hours are considered" (maintenance-windows-and-exclusions). Newer pages say 92 days;
    // 48 hours in every 32 days also gives them in every 92, so the stricter rule holds under both.
    public const int RequiredHours = 48;
    public const int RollingDays = 32;
    public const int ContiguousMinutes = 4 * 60;

    // mx's own cap. GKE ends a NO_MINOR_OR_NODE_UPGRADES exclusion at the end of support of the cluster's minor
    // version at the latest, which mx cannot know when it generates; half a year stays inside it for a supported version.
    public const int MaxFreezeDays = 180;

    private const int DayMinutes = 24 * 60;
    private const int WeekMinutes = 7 * DayMinutes;

    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    // A Saturday: the first occurrence of a weekend window. GKE reads the time of day from startTime and the duration
    // from endTime - startTime; the days come from the RRULE.
    private static readonly DateTime Anchor = new(2025, 1, 4, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Null when the RRULE is one mx can check and GKE accepts, else the reason.</summary>
    public static string? RecurrenceProblem(object value) => ParseDays(value as string, out _);

    /// <summary>Null when the hours are well formed and, with the recurrence, give GKE its required availability.</summary>
    public static string? HoursProblem(object value, string recurrence)
    {
        if (ParseHours(value as string) is not var (start, minutes))
            return "give the window's start and end as UTC times HH:MM-HH:MM, for example 00:00-08:00 (an end before the start runs past midnight: 22:00-06:00).";
        if (ParseDays(recurrence, out var days) is not null) return null; // maintenance_window reports its own problem
        var available = MinimumAvailableMinutes(days, start, minutes);
        return available >= RequiredHours * 60 ? null
            : $"with {recurrence} the window gives GKE only {available / 60.0:0.#} hours of maintenance in the worst {RollingDays} days " +
              $"(counting only stretches of at least {ContiguousMinutes / 60} hours), and GKE requires {RequiredHours}. " +
              $"Make the hours longer or add days, as the default does: --maintenance-window \"{DefaultRecurrence}\" --maintenance-hours {DefaultHours} (64 hours).";
    }

    /// <summary>Null when the freeze is <c>none</c> or a valid UTC date range GKE accepts.</summary>
    public static string? FreezeProblem(object value)
    {
        if (value is NoFreeze) return null;
        if (ParseFreeze(value as string) is not var (first, last))
            return $"give {NoFreeze}, or the first and last day of the freeze as UTC dates FIRST/LAST, for example 2026-12-01/2027-01-15.";
        var days = last.DayNumber - first.DayNumber + 1;
        return days < 1 ? $"the freeze ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd}); give FIRST/LAST in that order."
            : days > MaxFreezeDays ? $"the freeze lasts {days} days; mx allows at most {MaxFreezeDays} (GKE ends a node-upgrade exclusion at the end of support of the cluster's version at the latest). Shorten it, and set a new one when it ends."
            : null;
    }

    /// <summary>The template's view: <c>recurringWindow</c>'s startTime/endTime/recurrence and the freeze, if any.</summary>
    public static Dictionary<string, object?> Model(string recurrence, string hours, string freeze)
    {
        var (start, minutes) = ParseHours(hours) ?? throw new InvalidOperationException($"unvalidated maintenance_hours '{hours}'");
        var windowStart = Anchor.AddMinutes(start);
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["start_time"] = Timestamp(windowStart),
            ["end_time"] = Timestamp(windowStart.AddMinutes(minutes)),
            ["recurrence"] = recurrence,
            ["hours"] = hours,
            ["freeze"] = null,
        };
        if (ParseFreeze(freeze) is var (first, last))
            model["freeze"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = $"node-upgrade-freeze-{first:yyyyMMdd}",
                ["start_time"] = $"{first:yyyy-MM-dd}T00:00:00Z",
                // The answer names the last frozen day; GKE's end is the moment the freeze lifts.
                ["end_time"] = $"{last.AddDays(1):yyyy-MM-dd}T00:00:00Z",
                ["first"] = $"{first:yyyy-MM-dd}",
                ["last"] = $"{last:yyyy-MM-dd}",
            };
        return model;
    }

    /// <summary>
    /// The fewest minutes GKE may maintain the cluster in any <see cref="RollingDays"/>-day stretch, counting only
    /// contiguous stretches of at least <see cref="ContiguousMinutes"/>.
    /// </summary>
    internal static int MinimumAvailableMinutes(bool[] days, int startMinute, int durationMinutes)
    {
        var open = new bool[WeekMinutes];
        for (var day = 0; day < 7; day++)
        {
            if (!days[day]) continue;
            for (var m = 0; m < durationMinutes; m++) open[(day * DayMinutes + startMinute + m) % WeekMinutes] = true;
        }
        var counted = CountedMinutes(open);
        // The schedule repeats weekly: 32 days are 4 whole weeks and the worst 4-day stretch of a week.
        var weekTotal = 0;
        foreach (var c in counted) weekTotal += c ? 1 : 0;
        var rest = (RollingDays % 7) * DayMinutes;
        var sum = 0;
        for (var m = 0; m < rest; m++) sum += counted[m] ? 1 : 0;
        var least = sum;
        for (var t = 1; t < WeekMinutes; t++)
        {
            sum += (counted[(t + rest - 1) % WeekMinutes] ? 1 : 0) - (counted[t - 1] ? 1 : 0);
            least = Math.Min(least, sum);
        }
        return RollingDays / 7 * weekTotal + least;
    }

    // Keeps only the open stretches of at least ContiguousMinutes, following them across the end of the week.
    private static bool[] CountedMinutes(bool[] open)
    {
        var counted = new bool[WeekMinutes];
        var closed = Array.IndexOf(open, false);
        if (closed < 0) return open;
        for (var i = 0; i < WeekMinutes;)
        {
            var m = (closed + i) % WeekMinutes;
            if (!open[m]) { i++; continue; }
            var length = 0;
            while (i + length < WeekMinutes && open[(closed + i + length) % WeekMinutes]) length++;
            if (length >= ContiguousMinutes)
                for (var k = 0; k < length; k++) counted[(closed + i + k) % WeekMinutes] = true;
            i += length;
        }
        return counted;
    }

    private static string? ParseDays(string? rule, out bool[] days)
    {
        days = new bool[7];
        const string Supported = "mx accepts the RRULEs FREQ=DAILY and FREQ=WEEKLY;BYDAY=<days> (days MO,TU,WE,TH,FR,SA,SU, in UTC), for example FREQ=WEEKLY;BYDAY=SA,SU.";
        if (string.IsNullOrEmpty(rule)) return Supported;
        string? freq = null, byDay = null;
        foreach (var part in rule.Split(';'))
        {
            var eq = part.IndexOf('=');
            var key = eq > 0 ? part[..eq] : part;
            var value = eq > 0 ? part[(eq + 1)..] : "";
            if (key == "FREQ" && freq is null && eq > 0) freq = value;
            else if (key == "BYDAY" && byDay is null && eq > 0) byDay = value;
            else return $"'{Answers.Excerpt(part)}' is not a part mx can check: {Supported}";
        }
        if (freq == "DAILY" && byDay is null)
        {
            Array.Fill(days, true);
            return null;
        }
        if (freq != "WEEKLY") return Supported;
        if (byDay is null) return $"a weekly window needs its days (GKE would otherwise need a start date): {Supported}";
        foreach (var day in byDay.Split(','))
        {
            var index = Array.IndexOf(Days, day);
            if (index < 0) return $"'{Answers.Excerpt(day)}' is not a day: {Supported}";
            if (days[index]) return $"{day} is given twice in BYDAY.";
            days[index] = true;
        }
        return null;
    }

    private static (int Start, int Minutes)? ParseHours(string? hours)
    {
        if (hours is not { Length: 11 } || hours[5] != '-') return null;
        if (ParseTime(hours[..5]) is not { } start || ParseTime(hours[6..]) is not { } end || start == end) return null;
        return (start, end > start ? end - start : end + DayMinutes - start);
    }

    private static int? ParseTime(string text) =>
        text.Length == 5 && text[2] == ':' && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[3]) && char.IsAsciiDigit(text[4])
        && (text[0] - '0') * 10 + (text[1] - '0') is var h and < 24 && (text[3] - '0') * 10 + (text[4] - '0') is var m and < 60
            ? h * 60 + m : null;

    private static (DateOnly First, DateOnly Last)? ParseFreeze(string? freeze)
    {
        if (freeze is not { Length: 21 } || freeze[10] != '/') return null;
        return DateOnly.TryParseExact(freeze[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) &&
               DateOnly.TryParseExact(freeze[11..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            ? (first, last) : null;
    }

    private static string Timestamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
