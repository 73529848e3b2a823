using CsCheck;
using Mx.Generators;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

/// <summary>
/// Random user edits, deletions and additions, then a regenerate with the same or a changed answer, with and
/// without --force: no edit of the user's is ever lost unless --force was given, and then its backup exists.
/// </summary>
public class RandomizedEditSpecs
{
    private static readonly Parameter Version = new("version", ParameterType.String, "Template version");
    private static readonly string[] FileNames = ["a.txt", "b.txt", "c.txt", "d/e.txt", "d/f.txt"];

    // Every third line follows the answer, so a changed answer changes some lines of every file and leaves others.
    private static readonly FakeGenerator Generator = new("Files", context => new Plan(FileNames.Select(name =>
        new FileEffect(name, string.Concat(Enumerable.Range(0, 9).Select(k => $"{name}-{k}-{(k % 3 == 0 ? context.Answers.GetString("version") : "fixed")}\n"))))),
        Version);

    private enum Edit { None, ChangeLine, AppendLine, Delete }

    private sealed record Case(Edit[] Edits, int[] Lines, bool AddOwnFile, bool ChangeAnswer, bool Force)
    {
        public override string ToString() =>
            $"edits=[{string.Join(",", Edits)}] lines=[{string.Join(",", Lines)}] own={AddOwnFile} change={ChangeAnswer} force={Force}";
    }

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Enum<Edit>().Array[FileNames.Length], Gen.Int[0, 8].Array[FileNames.Length], Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((edits, lines, own, change, force) => new Case(edits, lines, own, change, force));

    [Fact]
    public void No_user_edit_is_lost_without_force_and_every_forced_overwrite_has_a_backup()
    {
        Cases.Sample(Check, iter: 1000, threads: 1);
    }

    private static void Check(Case c)
    {
        using var dir = new TempDirectory();
        var service = new GenerationService(new GeneratorCatalog([Generator]), prompter: null);
        var first = service.Generate(new GenerateRequest("Files", dir.Path) { Output = ".", Flags = Answers.Empty.With("version", "1") });
        Assert.True(first.Written);

        var userLines = new Dictionary<string, string[]>();
        for (var i = 0; i < FileNames.Length; i++)
        {
            var path = Path.Combine(dir.Path, FileNames[i]);
            var lines = File.ReadAllLines(path);
            switch (c.Edits[i])
            {
                case Edit.ChangeLine:
                    lines[c.Lines[i]] = $"mine-{i}";
                    File.WriteAllLines(path, lines);
                    userLines[FileNames[i]] = [$"mine-{i}"];
                    break;
                case Edit.AppendLine:
                    File.AppendAllText(path, $"appended-{i}\n");
                    userLines[FileNames[i]] = [$"appended-{i}"];
                    break;
                case Edit.Delete:
                    File.Delete(path);
                    break;
            }
        }
        if (c.AddOwnFile) File.WriteAllText(Path.Combine(dir.Path, "notes.md"), "my own file\n");
        var before = DirectorySnapshot.Read(dir.Path);

        var outcome = service.Generate(new GenerateRequest("Files", dir.Path)
        {
            Flags = Answers.Empty.With("version", c.ChangeAnswer ? "2" : "1"), Force = c.Force,
        });

        var after = DirectorySnapshot.Read(dir.Path);
        if (!outcome.Written)
        {
            Assert.Equal(before, after);
            Assert.True(!c.Force && outcome.Conflicts.Any() || outcome.ChangesNothing, c.ToString());
            return;
        }
        if (c.AddOwnFile) Assert.Equal("my own file\n", after["notes.md"]);
        var backups = after.Where(f => f.Key.StartsWith(".mx/backup/", StringComparison.Ordinal))
            .ToDictionary(f => f.Key[(f.Key.IndexOf('/', ".mx/backup/".Length) + 1)..], f => f.Value);
        foreach (var (file, lines) in userLines)
        {
            var kept = after.TryGetValue(file, out var content) && lines.All(l => content.Split('\n').Contains(l));
            if (kept) continue;
            Assert.True(c.Force, $"{file} lost the user's edit without --force: {c}");
            Assert.Equal(before[file], backups[file]);
        }
        for (var i = 0; i < FileNames.Length; i++)
            if (c.Edits[i] == Edit.Delete && after.ContainsKey(FileNames[i]))
                Assert.True(c.Force || c.ChangeAnswer && outcome.Changes.Single(ch => ch.Path == FileNames[i]).Resolution is not null, c.ToString());
        // What state records is what mx wrote, and the base snapshot holds it.
        var state = StateFile.Load(dir.Path)!;
        foreach (var change in outcome.Changes.Where(ch => ch.Kind is ChangeKind.Create or ChangeKind.Update or ChangeKind.Unchanged))
            Assert.Equal(state.Files[change.Path], ContentHash.Of(after[change.Path]));
    }
}
