namespace Mx.Pulumi;

/// <summary>The argument lists mx uses for <c>kubectl</c>; they only edit the local kubeconfig.</summary>
public static class KubectlArguments
{
    public static IReadOnlyList<string> ClientVersion() => ["version", "--client", "--output", "json"];

    public static IReadOnlyList<string> ContextNames() => ["config", "get-contexts", "--output", "name"];

    public static IReadOnlyList<string> DeleteContext(string name) => ["config", "delete-context", name];

    public static IReadOnlyList<string> RenameContext(string from, string to) => ["config", "rename-context", from, to];
}
