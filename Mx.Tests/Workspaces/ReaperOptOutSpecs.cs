using Mx.Generators;
using Mx.Pulumi.Workspaces;

namespace Mx.Tests.Workspaces;

public class ReaperOptOutSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-12-10T18:00+01:00", "2026-12-10T18:00:00+01:00")]
    [InlineData("2026-12-10T17:00:00Z", "2026-12-10T17:00:00+00:00")]
    [InlineData("2026-12-10", "2026-12-10T23:59:59+01:00")]
    [InlineData("36h", "2026-12-08T22:00:00+01:00")]
    [InlineData("3d", "2026-12-10T10:00:00+01:00")]
    public void Until_is_a_time_with_its_offset_a_day_kept_to_its_end_or_a_span_from_now(string until, string annotation)
    {
        var optOut = ReaperOptOut.Parse(until, "  benchmark over the weekend ", Now, 7, Berlin);

        Assert.Equal(annotation, optOut.UntilText);
        Assert.Equal("benchmark over the weekend", optOut.Reason);
        // The reaper reads the annotation with Python's datetime.fromisoformat, which needs the offset.
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$", optOut.UntilText);
    }

    [Theory]
    [InlineData("2026-12-07T09:00+01:00", "x", "has passed")]
    [InlineData("2026-12-06", "x", "has passed")]
    [InlineData("8d", "x", "more than 7 days ahead")]
    [InlineData("2026-12-10T18:00", "x", "not a time mx reads")]
    [InlineData("friday", "x", "not a time mx reads")]
    [InlineData("3d", " ", "--reason must say")]
    [InlineData("3d", "line one\nline two", "--reason must say")]
    public void A_past_or_too_distant_or_unreadable_time_or_a_missing_reason_is_refused(string until, string reason, string message)
    {
        var refused = Assert.Throws<MxException>(() => ReaperOptOut.Parse(until, reason, Now, 7, Berlin));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void The_workspaces_own_maximum_decides_how_far_ahead()
    {
        Assert.Equal("2026-12-17T10:00:00+01:00", ReaperOptOut.Parse("10d", "conference", Now, 14, Berlin).UntilText);
        Assert.Throws<MxException>(() => ReaperOptOut.Parse("10d", "conference", Now, 7, Berlin));
    }
}
