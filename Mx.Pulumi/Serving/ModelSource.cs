using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Serving;

/// <summary>
/// What <c>mx serve</c> deploys: an MLflow run (its id, as the trainer announces it) or a version of a registered model
/// (<c>models:/NAME/VERSION</c>), written as MLflow writes model URIs.
/// </summary>
public sealed partial record ModelSource(string? RunId, string? ModelName, string? ModelVersion)
{
    public bool IsRun => RunId is not null;

    /// <summary>The source as an MLflow model URI, which the served InferenceService carries as its mx.dev/model annotation.</summary>
    public string Uri => IsRun ? $"runs:/{RunId}" : $"models:/{ModelName}/{ModelVersion}";

    public override string ToString() => Uri;

    public static ModelSource Parse(string text)
    {
        if (RunIdPattern().IsMatch(text)) return new ModelSource(text, null, null);
        if (RegisteredPattern().Match(text) is { Success: true } match)
            return new ModelSource(null, match.Groups[1].Value, match.Groups[2].Value);
        throw new MxException($"'{text}' names no model: give an MLflow run id (32 hexadecimal characters, as 'mx run' prints it) " +
                              "or a registered model's version as models:/NAME/VERSION (such as models:/acme-vision/3).");
    }

    /// <summary>The name a served model gets when --name is not given: run-&lt;8 hex&gt;, or &lt;model&gt;-v&lt;version&gt;.</summary>
    public string DefaultName()
    {
        if (IsRun) return "run-" + RunId![..8];
        var label = NonLabel().Replace(ModelName!.ToLowerInvariant(), "-").Trim('-');
        if (label.Length == 0 || !char.IsAsciiLetterLower(label[0])) label = "model-" + label;
        var suffix = "-v" + ModelVersion;
        return label[..Math.Min(label.Length, InferenceServiceName.MaxLength - suffix.Length)].TrimEnd('-') + suffix;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex RunIdPattern();

    // Registered model names are free text in MLflow, but '/' ends the name in a models:/ URI.
    [GeneratedRegex("^models:/([^/]+)/([1-9][0-9]{0,9})$")]
    private static partial Regex RegisteredPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonLabel();
}
