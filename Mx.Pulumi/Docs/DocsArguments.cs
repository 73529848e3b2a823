using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Pulumi.Docs;

/// <summary>The argument lists of <c>mx docs</c>, as pure functions, so tests can assert them exactly.</summary>
public static class DocsArguments
{
    /// <summary>Where the project is mounted in the image; warnings name files under it.</summary>
    public const string ContainerRoot = "/workspace";

    /// <summary>Fails with the import error when Sphinx or MyST is missing, before a build would say it less clearly.</summary>
    public static IReadOnlyList<string> Probe() => ["-c", "import sphinx, myst_parser"];

    public static IReadOnlyList<string> SphinxBuild() => ["-m", "sphinx", .. ProjectDocs.SphinxArguments];

    public static IReadOnlyList<string> AutobuildProbe() => ["-c", "import sphinx_autobuild, myst_parser"];

    public static IReadOnlyList<string> Autobuild(int port) =>
        ["-m", "sphinx_autobuild", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1",
         ProjectDocs.SourceDirectory, ProjectDocs.OutputDirectory];

    public static IReadOnlyList<string> DockerBuild(string image, string projectRoot) => ["build", "--tag", image, projectRoot];

    /// <summary>
    /// Runs the build in the project image as the calling user, so the HTML written into the mounted project is
    /// theirs; the image has the project's dependencies but not the docs extra, which pip adds under a HOME the user
    /// may write.
    /// </summary>
    public static IReadOnlyList<string> DockerRun(string image, string projectRoot, string user)
    {
        var install = string.Join(' ', ProjectDocs.Requirements.Select(r => $"'{r}'"));
        var build = string.Join(' ', ProjectDocs.SphinxArguments);
        return
        [
            "run", "--rm", "--user", user, "--env", "HOME=/tmp", "--volume", $"{projectRoot}:{ContainerRoot}", "--workdir", ContainerRoot,
            "--entrypoint", "sh", image, "-c",
            $"python -m pip install --user --quiet --disable-pip-version-check {install} && python -m sphinx {build}",
        ];
    }
}
