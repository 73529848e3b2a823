namespace Mx.Cli.Rendering;

/// <summary>What a part of a report line means, which a terminal shows as colour.</summary>
internal enum ReportTone
{
    Plain,
    Good,
    Changed,
    Bad,
    Quiet,
}
