namespace Mx.Pulumi.Monitoring;

/// <summary>
/// GPU-hours of one team, user or job over the asked window: allocated (a container held the GPU), used (allocated
/// hours weighted by the GPU's utilisation) and idle (the rest), with the idle hours' cost at the project's price.
/// </summary>
public sealed record GpuUsageRow(string Name, decimal AllocatedHours, decimal UsedHours, decimal IdleHours, decimal IdleCost);
