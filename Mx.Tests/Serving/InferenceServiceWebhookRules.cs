using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mx.Tests.Serving;

/// <summary>
/// The KServe v0.20.0 rules for an InferenceService that the CRD schema does not carry, for what mx generates and
/// deploys (a predictor with a <c>model</c> of format mlflow on the kserve-mlserver runtime, Standard mode, the HPA).
/// An InferenceService that passes the schema but breaks one of these is refused by the webhook, or accepted and never
/// becomes ready. Each rule names its upstream file at the v0.20.0 tag.
/// </summary>
public static partial class InferenceServiceWebhookRules
{
    // pkg/constants/constants.go: DeploymentModeType values (RawDeployment and Serverless are legacy aliases).
    private static readonly string[] DeploymentModes = ["Standard", "RawDeployment", "Knative", "Serverless", "ModelMesh"];

    // pkg/constants/constants.go: AutoscalerAllowedClassList, and AutoscalerAllowedHPAMetricsList.
    private static readonly string[] AutoscalerClasses = ["hpa", "external", "keda", "none"];
    private static readonly string[] HpaMetrics = ["cpu", "memory"];

    // pkg/controller/v1beta1/inferenceservice/utils/utils.go: SupportedStorageURIPrefixList (what the default storage
    // initializer downloads; anything else needs a ClusterStorageContainer).
    private static readonly string[] StorageUriPrefixes =
        ["gs://", "s3://", "pvc://", "file://", "https://", "http://", "hdfs://", "webhdfs://", "oci://", "oci+native://", "hf://"];

    // The predictor implementations of PredictorSpec: exactly one may be set (validateExactlyOneImplementation).
    private static readonly string[] Implementations =
        ["model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface", "pmml", "lightgbm", "paddle"];

    /// <summary>
    /// config/runtimes/kserve-mlserver.yaml (the ClusterServingRuntime the kserve-runtime-configs chart installs): the
    /// model formats it serves (name, versions) and the protocols it speaks.
    /// </summary>
    private static readonly Dictionary<string, string[]> MlserverFormats = new(StringComparer.Ordinal)
    {
        ["sklearn"] = ["0", "1"], ["xgboost"] = ["1", "2"], ["lightgbm"] = ["3", "4"], ["mlflow"] = ["1", "2"],
    };

    /// <summary>The problems KServe would report for <paramref name="isvc"/>; empty when it admits and can serve it.</summary>
    public static IReadOnlyList<string> Validate(JsonNode isvc)
    {
        var problems = new List<string>();
        var name = isvc["metadata"]!["name"]!.GetValue<string>();
        var annotations = isvc["metadata"]!["annotations"] as JsonObject ?? [];
        var predictor = isvc["spec"]!["predictor"]!;

        // pkg/apis/serving/v1beta1/inference_service_validation.go (validateInferenceServiceName): IsvcNameFmt.
        if (!IsvcName().IsMatch(name))
            problems.Add($"metadata.name: the InferenceService \"{name}\" is invalid: a InferenceService name must consist of lower case alphanumeric characters or '-', and must start with alphabetical character");
        // pkg/constants/constants.go (PredictorServiceName): Standard mode names the predictor's Service <name>-predictor,
        // a DNS-1035 label the API server limits to 63 characters.
        if (name.Length + "-predictor".Length > 63)
            problems.Add($"metadata.name: Service \"{name}-predictor\" would be longer than 63 characters");

        // pkg/constants/constants.go (ParseDeploymentMode) and the controller: an unknown mode is not one KServe reconciles.
        var mode = annotations["serving.kserve.io/deploymentMode"]?.GetValue<string>() ?? "Standard";
        if (!DeploymentModes.Contains(mode, StringComparer.Ordinal))
            problems.Add($"metadata.annotations: deploymentMode {mode} is not one of {string.Join(", ", DeploymentModes)}");

        // inference_service_validation.go (validateInferenceServiceAutoscaler).
        var autoscaler = annotations["serving.kserve.io/autoscalerClass"]?.GetValue<string>();
        if (autoscaler is not null && !AutoscalerClasses.Contains(autoscaler, StringComparer.Ordinal))
            problems.Add($"[{autoscaler}] is not a supported autoscaler class type");

        // pkg/apis/serving/v1beta1/component.go (validateReplicas).
        var min = Number(predictor["minReplicas"]) ?? 1;
        var max = Number(predictor["maxReplicas"]) ?? 0;
        if (min < 0) problems.Add("minReplicas cannot be less than 0");
        if (max < 0) problems.Add("maxReplicas cannot be less than 0");
        if (min > max && max != 0) problems.Add("minReplicas cannot be greater than maxReplicas");
        // reconcilers/hpa/hpa_reconciler.go: the HPA of Standard mode raises a minReplicas below 1 to 1, so 0 never scales to zero.
        if (IsStandard(mode) && (autoscaler ?? "hpa") == "hpa" && min < 1)
            problems.Add("minReplicas 0 is served as 1 by the HPA of Standard mode (scale to zero needs Knative or KEDA)");

        // inference_service_validation.go (validateScalingHPACompExtension) for Standard mode with the HPA.
        if (IsStandard(mode) && (autoscaler ?? "hpa") == "hpa")
        {
            var metric = predictor["scaleMetric"]?.GetValue<string>() ?? "cpu";
            if (!HpaMetrics.Contains(metric, StringComparer.Ordinal)) problems.Add($"[{metric}] is not a supported metric");
            if (Number(predictor["scaleTarget"]) is { } target && (metric == "cpu" && target < 1 || target > 100))
                problems.Add("the target utilization percentage should be a [1-100] integer");
        }

        // inference_service_validation.go (validateExactlyOneImplementation, validatePredictor).
        var implementations = Implementations.Where(i => predictor[i] is not null).ToArray();
        if (implementations.Length != 1)
            problems.Add($"exactly one of [{string.Join(", ", Implementations)}] must be specified in PredictorSpec, found [{string.Join(", ", implementations)}]");
        var model = predictor["model"];
        if (model?["name"] is not null) problems.Add("the 'name' field is not allowed in standard predictor");

        // utils.go (ValidateStorageURI) and inference_service_validation.go (validateMultipleStorageURIs).
        var storageUri = model?["storageUri"]?.GetValue<string>();
        if (storageUri is not null && SchemePattern().IsMatch(storageUri) && !StorageUriPrefixes.Any(p => storageUri.StartsWith(p, StringComparison.Ordinal)))
            problems.Add($"storageUri, must be one of: [{string.Join(", ", StorageUriPrefixes)}] or match https://{{}}.blob.core.windows.net/{{}}/{{}} or be an absolute or relative local path. StorageUri [{storageUri}] is not supported.");
        if (storageUri is not null && predictor["storageUris"] is not null)
            problems.Add("Setting both StorageURI and StorageURIs is not supported.");

        // pkg/controller/v1beta1/inferenceservice/components/predictor.go: a named runtime must support the model's
        // format (and version, when given) and the protocol, or the predictor never gets a container.
        if (model?["runtime"]?.GetValue<string>() == "kserve-mlserver")
        {
            var format = model["modelFormat"]?["name"]?.GetValue<string>() ?? "";
            var version = model["modelFormat"]?["version"]?.GetValue<string>();
            if (!MlserverFormats.TryGetValue(format, out var versions) || version is not null && !versions.Contains(version, StringComparer.Ordinal))
                problems.Add($"specified runtime kserve-mlserver does not support specified framework/version {format}/{version}");
            var protocol = model["protocolVersion"]?.GetValue<string>() ?? "v1";
            if (protocol != "v2") problems.Add($"specified runtime kserve-mlserver does not support protocol {protocol}");
        }
        return problems;
    }

    // YAML numbers arrive as long, numbers a test sets as int; the JSON text is the same.
    private static long? Number(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsStandard(string mode) => mode is "Standard" or "RawDeployment";

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex IsvcName();

    [GeneratedRegex(@"\w+?://")]
    private static partial Regex SchemePattern();
}
