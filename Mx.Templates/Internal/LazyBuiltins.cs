using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Mx.Templates.Internal;

/// <summary>
/// Scriban's standard builtins (<c>string</c>, <c>array</c>, <c>math</c>, ...), each created the first time a
/// template names it. Scriban's own default object builds every module up front by reflection, which costs
/// about a quarter of a cold <c>mx generate</c>; templates that use none of them now pay nothing, and plugin
/// templates still see the whole standard library.
/// </summary>
internal sealed class LazyBuiltins : ScriptObject
{
    private static readonly Dictionary<string, Func<object>> Modules = new(StringComparer.Ordinal)
    {
        ["array"] = () => new ArrayFunctions(),
        ["empty"] = () => EmptyScriptObject.Default,
        ["blank"] = () => EmptyScriptObject.Default,
        ["include"] = () => new IncludeFunction(),
        ["include_join"] = () => new IncludeJoinFunction(),
        ["date"] = () => new DateTimeFunctions(),
        ["html"] = () => new HtmlFunctions(),
        ["math"] = () => new MathFunctions(),
        ["object"] = () => new ObjectFunctions(),
        ["regex"] = () => new RegexFunctions(),
        ["string"] = () => new StringFunctions(),
        ["timespan"] = () => new TimeSpanFunctions(),
    };

    // A ScriptObject subclass imports its own static members by reflection unless told not to.
    public LazyBuiltins() : base(Modules.Count, autoImportStaticsFromThisType: false)
    {
    }

    public override bool Contains(string member) => base.Contains(member) || Modules.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value)) return true;
        if (!Modules.TryGetValue(member, out var create)) return false;
        value = create();
        SetValue(member, value, readOnly: true);
        return true;
    }
}
