using Mx.Pulumi.Workspaces;

namespace Mx.Tests.Workspaces;

/// <summary>The two-way sync rule, decided from both sides' file lists and the last sync's baseline.</summary>
public class SyncPlanSpecs
{
    private static readonly SyncFile Old = new(10, "2026/12/07-09:00:00");
    private static readonly SyncFile Newer = new(12, "2026/12/07-10:00:00");
    private static readonly SyncFile Newest = new(14, "2026/12/07-11:00:00");

    private static Dictionary<string, SyncFile> Files(params (string Path, SyncFile File)[] files) =>
        files.ToDictionary(f => f.Path, f => f.File, StringComparer.Ordinal);

    [Fact]
    public void A_change_on_one_side_goes_to_the_other_even_when_its_clock_is_older()
    {
        var plan = SyncPlan.Decide(Files(("a", Newest), ("b", Old)), Files(("a", Old), ("b", Newer)), Files(("a", Newest), ("b", Newer)), delete: false);

        Assert.Equal(["a"], plan.Pull);
        Assert.Equal(["b"], plan.Push);
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void Changes_on_both_sides_are_a_conflict_the_newer_wins_and_a_tie_goes_to_the_local_side()
    {
        var tie = Newer with { Size = 99 };
        var plan = SyncPlan.Decide(Files(("a", Newest), ("b", Newer), ("c", Newer)), Files(("a", Newer), ("b", Newest), ("c", tie)), Files(("a", Old), ("b", Old)), delete: false);

        Assert.Equal([new SyncConflict("a", LocalWins: true), new SyncConflict("b", LocalWins: false), new SyncConflict("c", LocalWins: true)], plan.Conflicts);
        Assert.Empty(plan.Push);
        Assert.Empty(plan.Pull);
    }

    [Fact]
    public void A_deletion_is_undone_without_delete_and_repeated_with_it_unless_the_other_side_changed_the_file()
    {
        var local = Files(("kept-here", Old), ("changed-here", Newer));
        var remote = Files(("kept-there", Old), ("changed-there", Newer));
        var baseline = Files(("kept-here", Old), ("changed-here", Old), ("kept-there", Old), ("changed-there", Old));

        var keep = SyncPlan.Decide(local, remote, baseline, delete: false);
        var delete = SyncPlan.Decide(local, remote, baseline, delete: true);

        Assert.Equal(["changed-here", "kept-here"], keep.Push);
        Assert.Equal(["changed-there", "kept-there"], keep.Pull);
        Assert.Equal(["kept-here", "kept-there"], keep.Restored);
        Assert.Empty(keep.DeleteLocal);
        Assert.Empty(keep.DeleteRemote);
        Assert.Equal(["changed-here"], delete.Push);
        Assert.Equal(["changed-there"], delete.Pull);
        Assert.Equal(["kept-here"], delete.DeleteLocal);
        Assert.Equal(["kept-there"], delete.DeleteRemote);
    }

    [Fact]
    public void Without_a_baseline_every_difference_is_a_conflict_and_identical_files_are_left_alone()
    {
        var plan = SyncPlan.Decide(Files(("same", Old), ("differs", Newer), ("only-here", Old)), Files(("same", Old), ("differs", Old)), Files(), delete: true);

        Assert.Equal([new SyncConflict("differs", LocalWins: true)], plan.Conflicts);
        Assert.Equal(["only-here"], plan.Push);
        Assert.Empty(plan.DeleteLocal);
    }

    [Theory]
    [InlineData(">f+++++++++|6|2026/12/07-01:23:06|a b|c.txt", "a b|c.txt", 6L)]
    [InlineData("cL+++++++++|9|2026/12/07-01:23:06|link", "link", 9L)]
    [InlineData(">f+++++++++|3|2026/12/07-01:23:06|new\\#012line", "new\nline", 3L)]
    public void Rsyncs_listing_lines_are_read_with_names_as_they_are(string line, string name, long size)
    {
        var files = SyncListing.Parse("cd+++++++++|4096|2026/12/07-01:23:06|sub/\n" + line + "\n");

        Assert.Equal([name], files.Keys);
        Assert.Equal(new SyncFile(size, "2026/12/07-01:23:06"), files[name]);
    }
}
