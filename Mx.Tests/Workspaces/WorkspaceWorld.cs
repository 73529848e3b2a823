using Mx.Tests.Training;

namespace Mx.Tests.Workspaces;

/// <summary>
/// A generated acme-vision project with DevWorkspace applied and committed, fake gcloud, kubectl and docker
/// (Fakes/fake_workspace_tool.py) on the PATH, and a home directory of its own holding an ssh key pair.
/// </summary>
public sealed class WorkspaceWorld : IDisposable
{
    public const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheWorkspaceTestsOnly0000000000000 ada@laptop";

    /// <param name="before">What else the project gets first, such as GpuQueues and teams (RunWorld.GenerateQueues).</param>
    public WorkspaceWorld(bool withKey = true, Action<RunWorld>? before = null)
    {
        Run = new RunWorld(withDocker: true, fakes: "fake_workspace_tool.py");
        before?.Invoke(Run);
        var generated = Run.Mx("generate", "DevWorkspace", "--no-input");
        Assert.True(generated.ExitCode == 0, generated.All);
        Run.Git("add", "-A");
        Run.Git("-c", "user.name=mx tests", "-c", "user.email=tests@mx.invalid", "commit", "--quiet", "-m", "workspaces");
        Home = Path.Combine(Path.GetDirectoryName(Run.Project)!, "home");
        Directory.CreateDirectory(Path.Combine(Home, ".ssh"));
        if (withKey)
        {
            File.WriteAllText(Path.Combine(Home, ".ssh", "id_ed25519.pub"), PublicKey + "\n");
            File.WriteAllText(Path.Combine(Home, ".ssh", "id_ed25519"), "private key stand-in\n");
        }
        Run.Extra["HOME"] = Home;
    }

    public RunWorld Run { get; }
    public string Home { get; }
    public string MxSshConfig => Path.Combine(Home, ".ssh", "mx", "config");
    public string UserSshConfig => Path.Combine(Home, ".ssh", "config");

    public Support.MxProcess.Result Mx(params string[] args) => Run.Mx(args);

    public void Dispose() => Run.Dispose();
}
