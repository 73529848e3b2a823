using Mx.Generators;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

public class PlanApplierSpecs
{
    private static FileChange Create(string path, string content) => new(path, ChangeKind.Create, null, content);

    [Fact]
    public void Applying_writes_the_files_and_the_state()
    {
        using var dir = new TempDirectory();
        PlanApplier.Apply(dir.Path, [Create("a/b.txt", "b\n")], ProjectState.Empty with { MxVersion = "t" });
        Assert.Equal("b\n", File.ReadAllText(dir.Combine("a", "b.txt")));
        Assert.True(File.Exists(StateFile.PathIn(dir.Path)));
        Assert.Equal([".mx/state.yaml", "a/b.txt"], DirectorySnapshot.Read(dir.Path).Keys);
    }

    [Fact]
    public void A_failure_half_way_puts_every_file_back()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("keep.txt"), "mine\n");
        // A directory where the second file should go makes its move fail after the first has been replaced.
        Directory.CreateDirectory(dir.Combine("blocked.txt"));
        var changes = new[] { new FileChange("keep.txt", ChangeKind.Update, "mine\n", "theirs\n"), Create("new/file.txt", "x"), Create("blocked.txt", "y") };

        var error = Assert.Throws<MxException>(() => PlanApplier.Apply(dir.Path, changes, ProjectState.Empty));

        Assert.Contains("Nothing was changed", error.Message);
        Assert.Equal("mine\n", File.ReadAllText(dir.Combine("keep.txt")));
        Assert.False(Directory.Exists(dir.Combine("new")));
        Assert.False(File.Exists(StateFile.PathIn(dir.Path)));
        Assert.Empty(Directory.EnumerateDirectories(dir.Combine(".mx")));
    }

    [Fact]
    public void A_failure_after_a_removal_puts_the_removed_file_back()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("obsolete.txt"), "old\n");
        Directory.CreateDirectory(dir.Combine("blocked.txt"));
        var changes = new[] { new FileChange("obsolete.txt", ChangeKind.Delete, "old\n", null), Create("blocked.txt", "y") };

        Assert.Throws<MxException>(() => PlanApplier.Apply(dir.Path, changes, ProjectState.Empty));

        Assert.Equal("old\n", File.ReadAllText(dir.Combine("obsolete.txt")));
        Assert.False(File.Exists(StateFile.PathIn(dir.Path)));
    }

    [Fact]
    public void A_removal_deletes_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("obsolete.txt"), "old\n");
        PlanApplier.Apply(dir.Path, [new FileChange("obsolete.txt", ChangeKind.Delete, "old\n", null), Create("new.txt", "n\n")], ProjectState.Empty);
        Assert.Equal([".mx/state.yaml", "new.txt"], DirectorySnapshot.Read(dir.Path).Keys);
    }

    [Fact]
    public void Paths_outside_the_project_root_are_refused_before_anything_is_written()
    {
        using var dir = new TempDirectory();
        foreach (var path in new[] { "../escape.txt", "/etc/passwd", "a/../../escape.txt" })
        {
            var error = Assert.Throws<MxException>(() => PlanApplier.Apply(dir.Path, [Create("ok.txt", "1"), Create(path, "x")], ProjectState.Empty));
            Assert.Contains("outside the project root", error.Message);
        }
        Assert.False(File.Exists(dir.Combine("ok.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dir.Path)!, "escape.txt")));
    }

    [Fact]
    public void A_new_project_appears_whole_with_nothing_else_beside_it()
    {
        using var dir = new TempDirectory();
        var root = dir.Combine("demo");
        PlanApplier.Create(root, [Create("a/b.txt", "b\n"), Create("c.txt", "c\n")], ProjectState.Empty with { MxVersion = "t" });
        Assert.Equal([".mx/state.yaml", "a/b.txt", "c.txt"], DirectorySnapshot.Read(root).Keys);
        Assert.Equal(["demo"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_project_that_fails_half_way_leaves_no_trace()
    {
        using var dir = new TempDirectory();
        var root = dir.Combine("demo");
        // "x" is written as a file, so "x/y.txt" cannot be: the write fails after the first file.
        var error = Assert.Throws<MxException>(() => PlanApplier.Create(root, [Create("x", "1"), Create("x/y.txt", "2")], ProjectState.Empty));
        Assert.Contains("Nothing was written", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_new_project_never_replaces_or_merges_into_a_directory_created_meanwhile(bool withAFile)
    {
        using var dir = new TempDirectory();
        var root = dir.Combine("demo");
        Directory.CreateDirectory(root);
        if (withAFile) File.WriteAllText(Path.Combine(root, "theirs.txt"), "theirs\n");
        Assert.Throws<MxException>(() => PlanApplier.Create(root, [Create("c.txt", "c\n")], ProjectState.Empty));
        Assert.Equal(withAFile ? ["theirs.txt"] : [], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        Assert.Equal(["demo"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
