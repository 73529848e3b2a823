using CsCheck;
using Mx.Generators.Internal;

namespace Mx.Tests.Engine;

public class ThreeWayMergeSpecs
{
    private static ThreeWayMerge.Result Merge(string b, string ours, string theirs) => ThreeWayMerge.Merge(b, ours, theirs, "yours", "mx");

    [Fact]
    public void Changes_to_different_lines_are_both_kept()
    {
        var result = Merge("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n");
        Assert.True(result.Clean);
        Assert.Equal("A\nb\nc\nd\nE\n", result.Text);
    }

    [Fact]
    public void Different_changes_to_the_same_line_are_a_conflict_with_both_versions_between_markers()
    {
        var result = Merge("a\nb\nc\n", "a\nmine\nc\n", "a\ntheirs\nc\n");
        Assert.False(result.Clean);
        Assert.Equal("a\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> mx\nc\n", result.Text);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        var result = Merge("a\nb\nc\n", "a\nB\nc\nd\n", "a\nB\nc\n");
        Assert.True(result.Clean);
        Assert.Equal("a\nB\nc\nd\n", result.Text);
    }

    [Fact]
    public void A_missing_final_newline_survives_and_markers_stay_on_their_own_lines()
    {
        Assert.Equal("x\nb\nc", Merge("a\nb\nc", "x\nb\nc", "a\nb\nc").Text);
        Assert.Equal("X\nb\nC", Merge("a\nb\nc", "X\nb\nc", "a\nb\nC").Text);
        var conflict = Merge("a", "mine", "theirs");
        Assert.Equal("<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> mx\n", conflict.Text);
    }

    private static readonly Gen<string[]> Lines = Gen.Char["abcdef"].Select(ch => ch.ToString()).Array[0, 12];

    private static readonly Gen<string> Text = Lines.Select(lines => string.Concat(lines.Select(l => l + "\n")));

    [Fact]
    public void A_side_that_did_not_change_takes_the_other_side_and_identical_sides_merge_to_themselves()
    {
        Gen.Select(Text, Text).Sample((b, side) =>
        {
            Assert.Equal(side, Merge(b, b, side).Text);
            Assert.Equal(side, Merge(b, side, b).Text);
            Assert.Equal(side, Merge(b, side, side).Text);
        }, iter: 2000);
    }

    [Fact]
    public void Merging_is_symmetric_when_clean_and_conflict_markers_always_come_in_whole_sets()
    {
        Gen.Select(Text, Text, Text).Sample((b, ours, theirs) =>
        {
            var result = Merge(b, ours, theirs);
            var swapped = Merge(b, theirs, ours);
            Assert.Equal(result.Clean, swapped.Clean);
            if (result.Clean) Assert.Equal(result.Text, swapped.Text);
            var lines = result.Text.Split('\n');
            var opened = lines.Count(l => l == "<<<<<<< yours");
            Assert.Equal(opened, lines.Count(l => l == "======="));
            Assert.Equal(opened, lines.Count(l => l == ">>>>>>> mx"));
            Assert.Equal(result.Clean, opened == 0);
        }, iter: 2000);
    }

    // Each base line is left alone (0), changed by the user (1) or changed by mx (2); a user change never sits
    // next to one of mx's, so every case must merge cleanly into the base with both sets of changes.
    private static readonly Gen<int[]> SeparatedEdits = Gen.Int[0, 2].Array[1, 30].Where(owners =>
        !owners.Zip(owners.Skip(1)).Any(p => p.First * p.Second == 2));

    [Fact]
    public void Edits_of_the_user_and_of_mx_on_separate_lines_always_merge_cleanly_into_both()
    {
        SeparatedEdits.Sample(owners =>
        {
            string Text(Func<int, int, string> line) => string.Concat(owners.Select((owner, i) => line(owner, i) + "\n"));
            var b = Text((_, i) => $"b{i}");
            var ours = Text((owner, i) => owner == 1 ? $"yours{i}" : $"b{i}");
            var theirs = Text((owner, i) => owner == 2 ? $"mx{i}" : $"b{i}");
            var expected = Text((owner, i) => owner switch { 1 => $"yours{i}", 2 => $"mx{i}", _ => $"b{i}" });

            var result = Merge(b, ours, theirs);

            Assert.True(result.Clean, result.Text);
            Assert.Equal(expected, result.Text);
        }, iter: 2000);
    }
}
