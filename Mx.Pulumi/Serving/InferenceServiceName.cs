using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Serving;

/// <summary>
/// The name rules of an InferenceService that a schema does not carry: KServe v0.20's webhook
/// (pkg/apis/serving/v1beta1/inference_service_validation.go, IsvcNameFmt) takes <c>[a-z]([-a-z0-9]*[a-z0-9])?</c>, and
/// in Standard mode the predictor's Service is named <c>&lt;name&gt;-predictor</c> (constants.PredictorServiceName), a
/// DNS-1035 label of at most 63 characters, which leaves 53 for the name.
/// </summary>
public static partial class InferenceServiceName
{
    public const int MaxLength = 63 - 10;

    public static string PredictorService(string name) => name + "-predictor";

    public static string Check(string name)
    {
        if (!Pattern().IsMatch(name))
            throw new MxException($"'{name}' cannot name a served model: KServe takes lowercase letters, digits and '-', starting with a letter " +
                                  "and ending with a letter or digit (such as fraud-v3). Choose another with --name.");
        if (name.Length > MaxLength)
            throw new MxException($"'{name}' is {name.Length} characters; a served model's name has at most {MaxLength}, as KServe names its " +
                                  $"Service '{PredictorService(name)}', which Kubernetes limits to 63. Choose a shorter one with --name.");
        return name;
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Pattern();
}
