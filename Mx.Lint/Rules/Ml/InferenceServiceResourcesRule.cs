using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Rules.Ml;

internal sealed class InferenceServiceResourcesRule() : KubernetesRule(
    "MX2111", RuleFamily.MlWorkloads, Severity.Error,
    "InferenceService predictors set resource requests and limits",
    "KServe fills a predictor without resources from its cluster-wide defaults (1 CPU and 2Gi in v0.20), which fit " +
    "no particular model: a large model is OOM-killed while loading, and the HPA that scales it on CPU utilisation " +
    "measures against a request nobody chose. Requests make the scheduler place a replica where it fits; limits keep " +
    "one replica from starving the others on its node.",
    "Set resources.requests and resources.limits (cpu and memory) on the predictor's model (or framework) container.",
    """
    spec:
      predictor:
        model:
          modelFormat: {name: mlflow}
          storageUri: gs://acme-artifacts/mlflow/1/models/m-1/artifacts
    """,
    """
    spec:
      predictor:
        model:
          modelFormat: {name: mlflow}
          storageUri: gs://acme-artifacts/mlflow/1/models/m-1/artifacts
          resources:
            requests: {cpu: "1", memory: 2Gi}
            limits: {cpu: "2", memory: 4Gi}
    """)
{
    // The predictor's implementations (KServe's PredictorSpec): each is a container of its own.
    private static readonly string[] Implementations =
        ["model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface", "pmml", "lightgbm", "paddle"];

    private static readonly (string Section, string Resource)[] Required =
        [("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory")];

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (o.Kind != "InferenceService" || o.Group != "serving.kserve.io" || o.Root.At("spec", "predictor") is not { } predictor) yield break;
        var containers = Implementations.Select(i => (Name: i, Node: predictor.Get(i))).Where(c => c.Node is not null)
            .Concat(predictor.Get("containers").Items().Select(c => (Name: $"container '{ContainerName(c)}'", Node: (YamlNode?)c)));
        foreach (var (name, node) in containers)
        {
            var missing = Required.Where(r => node.At("resources", r.Section, r.Resource) is null).Select(r => $"{r.Section}.{r.Resource}").ToArray();
            if (missing.Length > 0)
                yield return new Violation(node!.Line(), node!.Column(), $"the predictor's {name} of {o.Describe} sets no {string.Join(", ", missing)}");
        }
    }
}
