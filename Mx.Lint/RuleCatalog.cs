using Mx.Lint.Rules.Dockerfile;
using Mx.Lint.Rules.Kubernetes;
using Mx.Lint.Rules.Lint;
using Mx.Lint.Rules.Ml;
using Mx.Lint.Rules.Pulumi;
using Mx.Lint.Rules.Python;
using Mx.Lint.Rules.Secrets;
using Mx.Lint.Rules.State;

namespace Mx.Lint;

/// <summary>Every built-in rule, ordered by id: what <c>mx lint --list</c> prints and SARIF's rule table.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<Rule> All { get; } = new Rule[]
    {
        new ImageTagPinnedRule(), new ResourcesSetRule(), new GpuPoolSchedulingRule(), new PrivilegedContainerRule(),
        new HostPathVolumeRule(), new HostNamespacesRule(), new RunAsNonRootRule(), new ServiceExposureRule(), new StandardLabelsRule(), new GatewayRouteIapRule(), new GatewayCertificateRule(), new GcsFuseVolumeRule(),
        new SharedMemoryRule(), new GpuCapacityRule(), new KueueQueueRule(), new ResourceFlavorNodePoolRule(), new ClusterQueueCapacityRule(), new QueuedGpuJobRule(), new PodMonitoringSelectorRule(), new GpuRequestsEqualLimitsRule(), new TrainingImageRegistryRule(), new CommittedReaperOptOutRule(), new InferenceServiceResourcesRule(),
        new PrivateClusterRule(), new WorkloadIdentityRule(), new NoServiceAccountKeysRule(), new BucketAccessRule(),
        new GpuPoolScalesToZeroRule(), new StateBucketRule(), new CostLabelsRule(), new StackConfigSecretsRule(), new PrivateDatabaseRule(),
        new BaseImagePinnedRule(), new NonRootUserRule(), new NoAddUrlRule(), new AptListsCleanedRule(), new NoSecretsInBuildRule(),
        new PrivateKeyRule(), new ServiceAccountKeyRule(), new TokenRule(),
        new StateFileValidRule(), new RecordedFilesExistRule(), new ManagedFilesUnmodifiedRule(),
        new PythonLintRule(), new PythonFormatRule(),
        new SuppressionReasonRule(), new UnusedSuppressionRule(), new ExpiredSuppressionRule(), new YamlSyntaxRule(),
    }.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();

    private static readonly Dictionary<string, Rule> ById = All.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    public static Rule? Find(string id) => ById.GetValueOrDefault(id.Trim());

    internal static Rule Get(string id) => ById[id];

    public static int IndexOf(string id) => All.Select((r, i) => (r, i)).First(p => p.r.Id == id).i;
}
