using Mx.Tests.Support;

namespace Mx.Tests.Cli;

/// <summary>A temporary working directory and the built mx run in it, with helpers for asserting on the result.</summary>
public sealed class CliScenario : IDisposable
{
    public static readonly string[] AcmeVision =
    [
        "generate", "MLProjectSkeleton", "--name", "acme-vision", "--gcp-project", "acme-vision-prod", "--region", "europe-west4",
        "--gpu-type", "nvidia-l4", "--engineers", "ada@acme.ai,alan@acme.ai", "--no-input",
    ];

    private readonly TempDirectory _dir = new();

    public string Path => _dir.Path;

    public string Project => _dir.Combine("acme-vision");

    public MxProcess.Result Mx(params string[] args) => MxProcess.Run(Path, args);

    public MxProcess.Result MxIn(string directory, params string[] args) => MxProcess.Run(directory, args);

    public SortedDictionary<string, string> Tree(string? root = null) => DirectorySnapshot.Read(root ?? Path);

    /// <summary>Asserts the clear-error contract: exit 2, one message naming the problem, no stack trace.</summary>
    public static void AssertBadInput(MxProcess.Result result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, $"expected exit 2, got {result.ExitCode}: {result.All}");
        Assert.StartsWith("error:", result.Output.TrimStart());
        foreach (var fragment in fragments) Assert.Contains(fragment, result.All);
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Exception", result.All);
    }

    public void Dispose() => _dir.Dispose();
}
