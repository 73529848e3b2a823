using System.IO.Compression;
using Mx.Tests.Support;

namespace Mx.Tests.Generated;

/// <summary>The generated project is a Python package that builds, and says how to publish and install it privately.</summary>
public class PackagingSpecs
{
    private static string Sample => Path.Combine(Repository.Samples, "acme-vision");

    [Fact]
    public void The_package_builds_a_wheel_of_the_package_alone_with_the_readme_as_its_description()
    {
        using var dir = new TempDirectory();
        var project = dir.Combine("acme-vision");
        foreach (var file in Directory.EnumerateFiles(Sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project, Path.GetRelativePath(Sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Debian's pip and setuptools, offline: the build settings are pyproject's, not a build front-end's.
        var result = TorchPython.Run(project, new Dictionary<string, string?>(),
            "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", dir.Combine("dist"), ".");

        Assert.True(result.ExitCode == 0, result.All);
        var wheel = Directory.GetFiles(dir.Combine("dist"), "*.whl").Single();
        Assert.Equal("acme_vision-0.1.0-py3-none-any.whl", Path.GetFileName(wheel));
        using var archive = ZipFile.OpenRead(wheel);
        Assert.All(archive.Entries, e => Assert.Matches("^acme_vision(-0\\.1\\.0\\.dist-info)?/", e.FullName));
        using var metadata = new StreamReader(archive.GetEntry("acme_vision-0.1.0.dist-info/METADATA")!.Open());
        var text = metadata.ReadToEnd();
        Assert.Contains("Description-Content-Type: text/markdown", text);
        Assert.Contains("# acme-vision", text);
    }

    [Fact]
    public void The_docs_say_how_to_publish_to_and_install_from_the_private_repository_with_the_keyring_backend()
    {
        var packaging = File.ReadAllText(Path.Combine(Sample, "docs", "packaging.md"));
        var readme = File.ReadAllText(Path.Combine(Sample, "README.md"));

        Assert.Contains("pip install keyring keyrings.google-artifactregistry-auth", packaging);
        Assert.Contains("--index-url https://europe-west4-python.pkg.dev/acme-vision-prod/acme-vision-python/simple/", packaging);
        Assert.Contains("twine upload --repository-url https://europe-west4-python.pkg.dev/acme-vision-prod/acme-vision-python/ dist/*", packaging);
        Assert.Contains("[docs/packaging.md](docs/packaging.md)", readme);
        Assert.Contains("packaging", File.ReadAllText(Path.Combine(Sample, "docs", "index.md")));
    }
}
