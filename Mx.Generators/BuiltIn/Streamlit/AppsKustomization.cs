using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// <c>infra/k8s/apps/kustomization.yaml</c>, shared by every app: it lists the apps' directories and maps each app's
/// image name to the registry and the tag <c>mx app deploy</c> last built. Generators add an app to it and never touch
/// the tags; <c>mx app deploy</c> sets a tag and touches nothing else, so neither undoes the other.
/// </summary>
internal static class AppsKustomization
{
    private const string Path = StreamlitApps.AppsKustomization;

    /// <summary>The file as StreamlitApp first writes it, with <paramref name="apps"/>.</summary>
    public static string Seed(Answers answers, IEnumerable<string> apps) => apps.Aggregate($"""
                 # Managed by mx (StreamlitApp): the project's Streamlit apps, applied by the platform deployment 'apps'. Each
                 # app is a directory here; 'mx app deploy NAME' sets the newTag of its image below to the commit it built.
                 apiVersion: kustomize.config.k8s.io/v1beta1
                 kind: Kustomization

                 """, (text, app) => WithApp(text, answers, app));

    /// <summary>The file with app <paramref name="name"/> listed and its image mapped (unchanged when it is).</summary>
    public static string WithApp(string text, Answers answers, string name)
    {
        var (document, resources, images) = Parse(text);
        var changed = false;
        if (!resources.Items.Any(i => i is YamlScalar s && s.Value == name))
        {
            resources.Items.Add(YamlTree.Scalar(name));
            changed = true;
        }
        var imageName = StreamlitApps.ImageName(answers.GetString("project_name"), name);
        var entry = Entry(images, imageName);
        var newName = StreamlitApps.Image(answers, name);
        if (entry is null)
        {
            images.Items.Add(YamlTree.Map(("name", YamlTree.Scalar(imageName)), ("newName", YamlTree.Scalar(newName)),
                ("newTag", YamlTree.Scalar(StreamlitApps.UndeployedTag))));
            changed = true;
        }
        else if ((entry.Get("newName") as YamlScalar)?.Value != newName)
        {
            entry.Set("newName", YamlTree.Scalar(newName));
            changed = true;
        }
        return changed ? document.Write() : text;
    }

    /// <summary>The file with the image of app <paramref name="name"/> at <paramref name="tag"/>.</summary>
    public static string WithTag(string text, string project, string name, string tag)
    {
        var (document, _, images) = Parse(text);
        var entry = Entry(images, StreamlitApps.ImageName(project, name))
                    ?? throw new MxException($"{Path} maps no image {StreamlitApps.ImageName(project, name)}, so mx cannot record the image of app '{name}'. " +
                                             $"Run 'mx update StreamlitApp' to restore it, then the command again.");
        if ((entry.Get("newTag") as YamlScalar)?.Value == tag) return text;
        entry.Set("newTag", YamlTree.Scalar(tag));
        return document.Write();
    }

    /// <summary>The tag app <paramref name="name"/> is deployed with, or null when the file does not map its image.</summary>
    public static string? Tag(string text, string project, string name) =>
        (Entry(Parse(text).Images, StreamlitApps.ImageName(project, name))?.Get("newTag") as YamlScalar)?.Value;

    private static YamlMap? Entry(YamlList images, string imageName) =>
        images.Items.OfType<YamlMap>().FirstOrDefault(i => (i.Get("name") as YamlScalar)?.Value == imageName);

    private static (YamlDocument Document, YamlList Resources, YamlList Images) Parse(string text)
    {
        var document = YamlDocument.Parse(text, Path);
        if (document.Root is not YamlMap root)
            throw new MxException($"{Path} is not a kustomization (a YAML mapping). Restore it with 'git checkout -- {Path}' and run the command again.");
        return (document, List(root, "resources"), List(root, "images"));
    }

    private static YamlList List(YamlMap root, string key)
    {
        switch (root.Get(key))
        {
            case YamlList list:
                return list;
            case null:
                var added = YamlTree.List();
                root.Set(key, added);
                return added;
            default:
                throw new MxException($"{Path}: '{key}' is not a list, so mx cannot add the app to it. Make it a YAML list and run the command again.");
        }
    }
}
