namespace Mx.Generators;

public enum ParameterType
{
    String,
    Integer,
    Boolean,
    /// <summary>A list of strings; given on the command line as comma-separated values.</summary>
    StringList,
}
