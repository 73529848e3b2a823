using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary><c>mx generate --git</c>: a repository and its first commit for a project that has none.</summary>
public static class GitRepository
{
    /// <summary>Fails before anything is generated when git is missing, so --git never leaves half its work done.</summary>
    public static void Require() => ToolRunner.Default.Locate(Tool.Git);

    /// <summary>Whether <paramref name="root"/> is inside a git work tree already.</summary>
    public static bool IsInside(string root) =>
        ToolRunner.Default.Run(new ToolInvocation(Tool.Git, ["rev-parse", "--is-inside-work-tree"], "checking for a git repository") { WorkingDirectory = root })
            is { Succeeded: true } result && result.StandardOutput.Trim() == "true";

    /// <summary>Initialises a repository in <paramref name="root"/> and commits everything in it.</summary>
    public static void InitialCommit(string root, string message)
    {
        foreach (var (arguments, doing) in new (string[], string)[]
                 {
                     (["init", "--quiet"], "initialising a git repository"),
                     (["add", "--all"], "staging the generated files"),
                     (["commit", "--quiet", "--message", message], "making the first commit"),
                 })
            ToolRunner.Default.RunChecked(new ToolInvocation(Tool.Git, arguments, doing)
            {
                WorkingDirectory = root,
                Remedy = "The project itself was generated; finish by hand in it: git init, git add -A, git commit " +
                         "(a missing identity is set with 'git config --global user.name ...' and 'user.email').",
            });
    }
}
