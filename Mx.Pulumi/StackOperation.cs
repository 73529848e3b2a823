namespace Mx.Pulumi;

/// <summary>The pulumi operations whose engine events mx streams.</summary>
public enum StackOperation
{
    Preview,
    Up,
    Destroy,
}
