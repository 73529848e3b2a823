namespace Mx.Pulumi;

/// <summary>
/// The argument lists mx uses for <c>gcloud</c>; every command runs with <c>--quiet</c>, and <see cref="Tool.Gcloud"/>
/// carries the environment that turns prompts off.
/// </summary>
public static class GcloudArguments
{
    public static IReadOnlyList<string> Version() => ["version", "--format", "json"];

    /// <summary>The account gcloud acts as, which GKE's RBAC knows the caller by; an unset one prints nothing on standard output.</summary>
    public static IReadOnlyList<string> ConfigAccount() => ["config", "get-value", "account", "--quiet"];

    public static IReadOnlyList<string> AuthList() => ["auth", "list", "--format", "json", "--quiet"];

    public static IReadOnlyList<string> DescribeBucket(string bucket, string project) =>
        ["storage", "buckets", "describe", "gs://" + bucket, "--project", project, "--format", "json", "--quiet"];

    /// <summary>The settings the cluster program declares for the bucket, so adopting it with <c>import:</c> finds no difference.</summary>
    public static IReadOnlyList<string> CreateBucket(string bucket, string project, string location) =>
        ["storage", "buckets", "create", "gs://" + bucket, "--project", project, "--location", location,
            "--uniform-bucket-level-access", "--public-access-prevention", "--quiet"];

    /// <summary><c>buckets create</c> cannot set versioning or labels; the program declares both.</summary>
    public static IReadOnlyList<string> VersionAndLabelBucket(string bucket, string project, IReadOnlyDictionary<string, string> labels) =>
        ["storage", "buckets", "update", "gs://" + bucket, "--project", project, "--versioning",
            "--update-labels", string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")), "--quiet"];

    /// <summary>The APIs pulumi needs before it can enable any other in a fresh project.</summary>
    /// <summary>Mirrors a bucket into a local directory, removing local files the bucket no longer has.</summary>
    public static IReadOnlyList<string> MirrorBucket(string bucket, string directory, string project) =>
        ["storage", "rsync", $"gs://{bucket}", directory, "--recursive", "--delete-unmatched-destination-objects", "--project", project, "--quiet"];

    /// <summary>
    /// An on-demand backup through a Backup for GKE plan, waiting until it completes (Backup for GKE's commands exist only
    /// in gcloud's beta track).
    /// </summary>
    public static IReadOnlyList<string> CreateGkeBackup(string backup, string plan, string location, string project) =>
        ["beta", "container", "backup-restore", "backups", "create", backup, "--backup-plan", plan, "--location", location,
            "--project", project, "--wait-for-completion", "--quiet"];

    /// <summary>
    /// Signs the JWT claims of <paramref name="claimsFile"/> with the system-managed key of <paramref name="account"/>
    /// (IAM's signJwt), writing the token to <paramref name="tokenFile"/>.
    /// </summary>
    public static IReadOnlyList<string> SignJwt(string claimsFile, string tokenFile, string account) =>
        ["iam", "service-accounts", "sign-jwt", claimsFile, tokenFile, "--iam-account", account, "--quiet"];

    public static IReadOnlyList<string> BootstrapServices { get; } = ["cloudresourcemanager.googleapis.com", "serviceusage.googleapis.com"];

    public static IReadOnlyList<string> EnableServices(string project, IReadOnlyList<string> services) =>
        ["services", "enable", .. services, "--project", project, "--quiet"];

    /// <summary>
    /// The cluster's control plane is reachable only through its DNS endpoint (the IP endpoint admits no
    /// network), so the kubeconfig entry must point there.
    /// </summary>
    public static IReadOnlyList<string> GetCredentials(string cluster, string location, string project) =>
        ["container", "clusters", "get-credentials", cluster, "--location", location, "--project", project, "--dns-endpoint", "--quiet"];

    /// <summary>The kube context name <c>get-credentials</c> writes.</summary>
    public static string ContextName(string cluster, string location, string project) => $"gke_{project}_{location}_{cluster}";

    /// <summary>A Cloud DNS managed zone as JSON (its dnsName is the domain it serves, with a trailing dot).</summary>
    public static IReadOnlyList<string> DescribeManagedZone(string zone, string project) =>
        ["dns", "managed-zones", "describe", zone, "--project", project, "--format", "json"];
}
