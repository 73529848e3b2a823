using Mx.Generators;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Tests.Cli;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Generated;

/// <summary>
/// GKE upgrades the cluster and drains its nodes only in the maintenance window the answers give, never during a
/// node-upgrade freeze, and mx refuses a window or freeze the GKE API would refuse at <c>mx up</c>.
/// </summary>
public class MaintenancePolicySpecs(GeneratedProject project) : IClassFixture<GeneratedProject>
{
    [Fact]
    public void The_default_window_is_weekend_nights_and_there_is_no_freeze()
    {
        var policy = MaintenancePolicy(project);
        var window = (YamlMappingNode)policy["recurringWindow"];
        Assert.Equal("FREQ=WEEKLY;BYDAY=SA,SU", window["recurrence"].ToString());
        // A Saturday, 00:00 to 08:00 UTC: GKE takes the time of day and the duration from these.
        Assert.Equal("2025-01-04T00:00:00Z", window["startTime"].ToString());
        Assert.Equal("2025-01-04T08:00:00Z", window["endTime"].ToString());
        Assert.Equal(DayOfWeek.Saturday, DateTime.Parse("2025-01-04", System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.False(policy.Children.ContainsKey(new YamlScalarNode("maintenanceExclusions")));
    }

    [Fact]
    public void A_freeze_becomes_an_exclusion_of_node_and_minor_upgrades_that_lifts_after_its_last_day_and_the_program_stays_valid()
    {
        using var frozen = new FrozenProject();

        var exclusion = (YamlMappingNode)Assert.Single((YamlSequenceNode)MaintenancePolicy(frozen)["maintenanceExclusions"]);
        Assert.Equal("2026-12-01T00:00:00Z", exclusion["startTime"].ToString());
        Assert.Equal("2027-01-16T00:00:00Z", exclusion["endTime"].ToString());
        Assert.Equal("NO_MINOR_OR_NODE_UPGRADES", ((YamlMappingNode)exclusion["exclusionOptions"])["scope"].ToString());
        Assert.Equal("node-upgrade-freeze-20261201", exclusion["exclusionName"].ToString());
        var window = (YamlMappingNode)MaintenancePolicy(frozen)["recurringWindow"];
        Assert.Equal("2025-01-04T22:00:00Z", window["startTime"].ToString());
        Assert.Equal("2025-01-05T02:00:00Z", window["endTime"].ToString());
        var problems = PulumiProgramValidator.Validate(frozen.Files["infra/pulumi/cluster/Main.yaml"], ["cpuMaxNodes", "gpuMaxNodes", "deletionProtection"], "acme-vision-cluster");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    // 8 hours on 2 days a week: at least 4 weekends in any 32 days, 64 hours.
    [InlineData("FREQ=WEEKLY;BYDAY=SA,SU", "00:00-08:00", 64)]
    // Exactly GKE's 48 hours: 4 Saturdays of 12 hours.
    [InlineData("FREQ=WEEKLY;BYDAY=SA", "00:00-12:00", 48)]
    [InlineData("FREQ=WEEKLY;BYDAY=SA", "00:00-11:59", 47.9)]
    // Stretches under 4 hours do not count at all, however many there are.
    [InlineData("FREQ=DAILY", "03:00-06:59", 0)]
    [InlineData("FREQ=DAILY", "22:00-02:00", 128)]
    // A window across midnight on Sunday ends on Monday, across the end of the week.
    [InlineData("FREQ=WEEKLY;BYDAY=SU", "20:00-08:00", 48)]
    public void Availability_counts_the_worst_32_days_and_only_stretches_of_4_hours(string rule, string hours, double expectedHours)
    {
        var days = rule == "FREQ=DAILY" ? Enumerable.Repeat(true, 7).ToArray()
            : new[] { "MO", "TU", "WE", "TH", "FR", "SA", "SU" }.Select(d => rule.EndsWith(d, StringComparison.Ordinal) || rule.Contains(d + ",", StringComparison.Ordinal)).ToArray();
        int Minutes(string t) => int.Parse(t[..2], System.Globalization.CultureInfo.InvariantCulture) * 60 + int.Parse(t[3..], System.Globalization.CultureInfo.InvariantCulture);
        var start = Minutes(hours[..5]);
        var end = Minutes(hours[6..]);

        var minutes = MaintenanceSchedule.MinimumAvailableMinutes(days, start, end > start ? end - start : end + 1440 - start);

        Assert.Equal(expectedHours, Math.Round(minutes / 60.0, 1));
        Assert.Equal(minutes >= 48 * 60, MaintenanceSchedule.HoursProblem(hours, rule) is null);
    }

    [Theory]
    [InlineData("--maintenance-window", "FREQ=MONTHLY", "FREQ=DAILY and FREQ=WEEKLY;BYDAY=<days>")]
    [InlineData("--maintenance-window", "FREQ=WEEKLY", "needs its days")]
    [InlineData("--maintenance-window", "FREQ=WEEKLY;BYDAY=SA;INTERVAL=2", "'INTERVAL=2' is not a part mx can check")]
    [InlineData("--maintenance-window", "FREQ=WEEKLY;BYDAY=SA,SA", "SA is given twice")]
    [InlineData("--maintenance-window", "freq=weekly;byday=sa", "not a part mx can check")]
    [InlineData("--maintenance-window", "FREQ=WEEKLY;BYDAY=1SA", "'1SA' is not a day")]
    [InlineData("--maintenance-hours", "02:00-06:00", "only 32 hours of maintenance in the worst 32 days")]
    [InlineData("--maintenance-hours", "24:00-08:00", "HH:MM-HH:MM")]
    [InlineData("--maintenance-hours", "00:00-00:00", "HH:MM-HH:MM")]
    [InlineData("--maintenance-hours", "0:00-8:00", "HH:MM-HH:MM")]
    [InlineData("--node-upgrade-freeze", "2026-12-01/2027-07-01", "lasts 213 days; mx allows at most 180")]
    [InlineData("--node-upgrade-freeze", "2026-12-10/2026-12-01", "ends (2026-12-01) before it starts (2026-12-10)")]
    [InlineData("--node-upgrade-freeze", "2026-02-30/2026-03-10", "FIRST/LAST")]
    [InlineData("--node-upgrade-freeze", "2026-12-01", "FIRST/LAST")]
    public void A_window_or_freeze_gke_would_refuse_exits_2_with_nothing_written(string option, string value, string reason)
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input", option, value);

        CliScenario.AssertBadInput(result, $"Invalid {option} '{value}'", reason);
        Assert.Empty(scenario.Tree());
    }

    private static YamlMappingNode MaintenancePolicy(GeneratedProject generated)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(generated.Files["infra/pulumi/cluster/Main.yaml"]));
        var cluster = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"])["cluster"];
        return (YamlMappingNode)((YamlMappingNode)cluster["properties"])["maintenancePolicy"];
    }

    private sealed class FrozenProject() : GeneratedProject(Answers.Empty
        .With("node_upgrade_freeze", "2026-12-01/2027-01-15").With("maintenance_window", "FREQ=DAILY").With("maintenance_hours", "22:00-02:00"));
}
