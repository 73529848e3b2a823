namespace Mx.Lint;

/// <summary>Why a finding does not count: an inline <c># mx-lint: disable=...</c> comment or the baseline file.</summary>
/// <param name="Kind">Where the suppression lives, with SARIF's names: <c>inSource</c> or <c>external</c> (the baseline).</param>
/// <param name="Justification">The reason the suppression gives.</param>
public sealed record Suppression(string Kind, string Justification)
{
    public const string InSource = "inSource";
    public const string External = "external";
}
