namespace Mx.Pulumi.Tracking;

/// <summary>What <c>mx flow status</c> found: the server's MLflow version, and whether mx opened a forward to ask.</summary>
public sealed record TrackingStatus(string Version, bool TemporaryForward);
