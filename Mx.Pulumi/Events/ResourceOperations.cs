namespace Mx.Pulumi.Events;

/// <summary>The engine's operation names (<c>display.StepOp</c>) that mx treats specially.</summary>
public static class ResourceOperations
{
    public const string Same = "same";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Replace = "replace";
    public const string CreateReplacement = "create-replacement";
    public const string DeleteReplaced = "delete-replaced";
    public const string Read = "read";
    public const string Refresh = "refresh";
    public const string Import = "import";

    /// <summary>A replacement shows as three steps; mx reports the logical <c>replace</c> and counts the others as part of it.</summary>
    public static bool IsPartOfReplacement(string op) => op is CreateReplacement or DeleteReplaced or "discard-replaced" or "import-replacement" or "read-replacement";

    /// <summary>Operations that touch nothing: unchanged resources and reads of existing ones.</summary>
    public static bool IsQuiet(string op) => op is Same or Read or "read-discard" or Refresh;
}
