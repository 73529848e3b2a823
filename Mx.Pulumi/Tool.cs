namespace Mx.Pulumi;

/// <summary>An external command mx drives, and the one step that installs it when it is missing.</summary>
public sealed record Tool(string Command, string Install)
{
    /// <summary>
    /// Set on every run of the tool, under what an invocation adds: what keeps the tool from asking questions or
    /// contacting the network on its own, so no call site can forget it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static readonly Tool Pulumi = new("pulumi",
        "Install it with 'curl -fsSL https://get.pulumi.com | sh' (or see https://www.pulumi.com/docs/iac/download-install/), then open a new shell.")
    {
        // The update check prints to stderr and contacts the network on every run.
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PULUMI_SKIP_UPDATE_CHECK"] = "true" },
    };

    public static readonly Tool Gcloud = new("gcloud",
        "Install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), then run 'gcloud auth login' and 'gcloud auth application-default login'.")
    {
        // gcloud asks questions (install a component? enable an API?) unless told not to.
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1" },
    };

    public static readonly Tool Kubectl = new("kubectl",
        "Install it with 'gcloud components install kubectl' (or see https://kubernetes.io/docs/tasks/tools/).");

    public static readonly Tool GkeAuthPlugin = new("gke-gcloud-auth-plugin",
        "Install it with 'gcloud components install gke-gcloud-auth-plugin' (Debian packages: 'apt-get install google-cloud-cli-gke-gcloud-auth-plugin').");

    public static readonly Tool Docker = new("docker", "Install Docker Engine (https://docs.docker.com/engine/install/) and start its daemon.");

    public static readonly Tool Git = new("git", "Install git (Debian: 'apt-get install git'; see https://git-scm.com/downloads).");

    public static readonly Tool Python = new("python3", "Install Python 3.10 or newer (Debian: 'apt-get install python3').");

    public static readonly Tool Ssh = new("ssh", "Install the OpenSSH client (Debian: 'apt-get install openssh-client'; macOS ships it).");

    public static readonly Tool Rsync = new("rsync",
        "Install rsync 3.2.4 or newer (Debian: 'apt-get install rsync'; macOS: 'brew install rsync'); the workspace image has it too.")
    {
        // mx workspace sync compares the modification times rsync prints, which must read alike whatever this machine's zone.
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["TZ"] = "UTC" },
    };

    /// <summary>What opens a URL in the desktop's browser on Linux; <c>open</c> on macOS.</summary>
    public static readonly Tool Browser = new(OperatingSystem.IsMacOS() ? "open" : "xdg-open",
        "Install xdg-utils (Debian: 'apt-get install xdg-utils'), or open the URL mx printed yourself.");
}
