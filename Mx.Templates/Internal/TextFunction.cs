using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Mx.Templates.Internal;

/// <summary>
/// A one-argument text function for templates (<c>{{ name | snake_case }}</c>), called directly rather than
/// through Scriban's reflection-based import, which would cost a cold process tens of milliseconds.
/// </summary>
internal sealed class TextFunction(Func<string, string> transform) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(string), "text");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        transform(context.ObjectToString(arguments[0]) ?? "");

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}
