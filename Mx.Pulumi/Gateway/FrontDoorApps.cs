using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Pulumi.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Gateway;

/// <summary>
/// The apps behind the project's Gateway: the HTTPRoutes labelled <c>mx.dev/app</c> on mx-gateway, read from the
/// project's manifests (what generators wrote) and, for an app deployed at run time, from the cluster.
/// </summary>
public static class FrontDoorApps
{
    /// <summary>Every app the manifests under infra/k8s declare, by name.</summary>
    public static IReadOnlyList<FrontDoorApp> InProject(string root)
    {
        var k8s = Path.Combine(root, "infra", "k8s");
        if (!Directory.Exists(k8s)) return [];
        var apps = new List<FrontDoorApp>();
        foreach (var file in Directory.EnumerateFiles(k8s, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var deployment = Path.GetRelativePath(k8s, file).Split(Path.DirectorySeparatorChar)[0];
            foreach (var route in Documents(file))
                if (AppOf(route) is { } app) apps.Add(app with { Deployment = deployment });
        }
        return apps.DistinctBy(a => a.Name).OrderBy(a => a.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// App <paramref name="name"/>: from the manifests, else from the cluster's routes (an app deployed by a command
    /// rather than a generator); an error that lists the apps there are when neither has it.
    /// </summary>
    public static FrontDoorApp Find(string workingDirectory, string name) =>
        Find(InfraProject.Load(workingDirectory, null, null), name, ToolRunner.Default);

    internal static FrontDoorApp Find(InfraProject project, string name, ToolRunner runner)
    {
        if (!project.State.HasApplied(DeploymentInfrastructure.GeneratorName))
            throw new MxException("This project has no front door for apps. Add it with 'mx generate DeploymentInfrastructure --domain DOMAIN " +
                                  "--dns-zone ZONE', deploy it with 'mx up', and run the command again.");
        var local = InProject(project.Root);
        if (local.FirstOrDefault(a => a.Name == name) is { } found) return found;
        var known = local.Count == 0 ? "none in infra/k8s" : string.Join(", ", local.Select(a => a.Name));
        if (!project.State.Infra.Outputs.ContainsKey("cluster.clusterName"))
            throw new MxException($"There is no app '{name}' in this project (apps: {known}). Apps are what 'mx deploy --list' shows with a URL.");
        var context = ClusterConnection.ContextName(project);
        var result = runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.RoutesOfApp(context, name), $"look up the route of app '{name}'")
        {
            Remedy = "Run 'mx connect' so mx can reach the cluster, then the command again.",
        });
        foreach (var item in KubeObjects.Items(result.StandardOutput))
            if (OnGateway(item) && Str(item["spec"]?["hostnames"]?[0]) is { } host)
                return new FrontDoorApp(name, host, null, Str(item["metadata"]?["namespace"]));
        throw new MxException($"There is no app '{name}' in this project or its cluster (apps: {known}). Apps are what 'mx deploy --list' shows with a URL.");
    }

    /// <summary>Opens <paramref name="url"/> in the user's browser; null when it did, else why it did not.</summary>
    public static string? OpenInBrowser(string url) => OpenInBrowser(url, ToolRunner.Default);

    internal static string? OpenInBrowser(string url, ToolRunner runner)
    {
        // Over SSH or in CI there is no browser to open: printing the URL is all that helps.
        if (!OperatingSystem.IsMacOS() && string.IsNullOrEmpty(runner.Environment("DISPLAY")) && string.IsNullOrEmpty(runner.Environment("WAYLAND_DISPLAY")))
            return "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
        if (runner.Find(Tool.Browser) is null) return $"{Tool.Browser.Command} is not on PATH";
        var result = runner.Run(new ToolInvocation(Tool.Browser, [url], "open the app in the browser"));
        return result.Succeeded ? null : $"{Tool.Browser.Command} exited with code {result.ExitCode}";
    }

    private static FrontDoorApp? AppOf(YamlMappingNode route)
    {
        if (Text(route, "kind") != "HTTPRoute" || Child(route, "metadata") is not YamlMappingNode metadata
            || Child(metadata, "labels") is not YamlMappingNode labels || Text(labels, FrontDoor.AppLabel) is not { } app
            || Child(route, "spec") is not YamlMappingNode spec) return null;
        var onGateway = Child(spec, "parentRefs") is YamlSequenceNode parents
                        && parents.OfType<YamlMappingNode>().Any(p => Text(p, "name") == FrontDoor.GatewayName);
        if (!onGateway || Child(spec, "hostnames") is not YamlSequenceNode { Children.Count: > 0 } hostnames) return null;
        return new FrontDoorApp(app, hostnames[0].ToString(), null, Text(metadata, "namespace"));
    }

    private static bool OnGateway(JsonNode route) =>
        route["spec"]?["parentRefs"]?.AsArray().Any(p => Str(p?["name"]) == FrontDoor.GatewayName) == true;

    private static IEnumerable<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(file)));
        }
        catch (YamlException)
        {
            // A file that does not parse declares nothing here; mx lint says what is wrong with it.
            return [];
        }
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToArray();
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Text(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode { Value: { } value } ? value : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
