namespace Mx.Pulumi.Training;

/// <summary>What <c>mx run ENTRYPOINT</c> was asked for: the entry point, its <c>-P key=value</c> parameters and GPUs.</summary>
public sealed record RunRequest(string EntryPoint, IReadOnlyDictionary<string, string> Parameters, int? Gpus);
