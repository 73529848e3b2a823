namespace Mx.Tests.Training;

/// <summary>Tests that forward the tracking server's default port (5000) run one at a time.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class TrackingPort
{
    public const string Collection = "the tracking server's default port";
}
