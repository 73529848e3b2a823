namespace Mx.Pulumi.Gateway;

/// <summary>An app behind the project's Gateway: its name (label mx.dev/app), hostname, and the deployment that applies it.</summary>
public sealed record FrontDoorApp(string Name, string Host, string? Deployment, string? Namespace)
{
    public string Url => $"https://{Host}";
}
