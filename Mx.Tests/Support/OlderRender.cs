using Mx.Generators;
using Mx.Generators.Internal;

namespace Mx.Tests.Support;

/// <summary>Makes a project look as if an older mx had written one of its files: the file, its hash in state and its base agree on <paramref name="older"/>.</summary>
public static class OlderRender
{
    public static void Record(string project, string path, string older)
    {
        File.WriteAllText(Path.Combine(project, path), older);
        var state = StateFile.Load(project)!;
        var files = state.Files.ToDictionary();
        files[path] = ContentHash.Of(older);
        StateFile.Save(project, state with { Files = files });
        var bases = new Dictionary<string, string>(BaseSnapshot.Load(project)) { [path] = older };
        File.WriteAllText(BaseSnapshot.PathIn(project), BaseSnapshot.Serialize(bases));
    }
}
