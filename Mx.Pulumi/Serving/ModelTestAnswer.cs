namespace Mx.Pulumi.Serving;

/// <summary>What <c>mx serve test</c> got back: the HTTP status, MLServer's answer and how long the request took.</summary>
public sealed record ModelTestAnswer(int Status, string Body, double LatencyMs);
