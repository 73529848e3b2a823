namespace Mx.Pulumi;

/// <summary>How far <c>mx doctor</c> is: checks finished, of how many, and the ones still running.</summary>
public sealed record DoctorProgress(int Done, int Total, IReadOnlyList<string> Running);
