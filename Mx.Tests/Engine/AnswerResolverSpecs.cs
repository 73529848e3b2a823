using Mx.Generators;

namespace Mx.Tests.Engine;

public class AnswerResolverSpecs
{
    private static readonly Parameter Region = new("region", ParameterType.String, "Region")
    {
        Default = _ => "from-default",
        Validate = (v, _) => ((string)v).StartsWith("from-") ? null : "must start with from-",
    };

    private static readonly Parameter Zone = new("zone", ParameterType.String, "Zone") { Default = a => a.GetString("region") + "-a" };

    private sealed class RecordingPrompter(object answer) : IAnswerPrompter
    {
        public List<string> Asked { get; } = [];

        public object Ask(Parameter parameter, object? defaultValue, IReadOnlyList<string> choices, Func<object, string?> validate)
        {
            Asked.Add(parameter.Key);
            return answer;
        }
    }

    private static Answers One(string value) => Answers.Empty.With("region", value);

    [Fact]
    public void A_flag_beats_the_answers_file_which_beats_state_which_beats_the_prompt()
    {
        var prompter = new RecordingPrompter("from-prompt");
        var resolver = new AnswerResolver(prompter);
        Assert.Equal("from-flag", resolver.Resolve([Region], One("from-flag"), One("from-file"), One("from-state")).GetString("region"));
        Assert.Equal("from-file", resolver.Resolve([Region], Answers.Empty, One("from-file"), One("from-state")).GetString("region"));
        Assert.Equal("from-state", resolver.Resolve([Region], Answers.Empty, Answers.Empty, One("from-state")).GetString("region"));
        Assert.Empty(prompter.Asked);
        Assert.Equal("from-prompt", resolver.Resolve([Region], Answers.Empty, Answers.Empty, Answers.Empty).GetString("region"));
        Assert.Equal(["region"], prompter.Asked);
    }

    [Fact]
    public void Without_a_prompter_the_default_is_taken_and_may_depend_on_earlier_answers()
    {
        var answers = new AnswerResolver(null).Resolve([Region, Zone], Answers.Empty, Answers.Empty, Answers.Empty);
        Assert.Equal("from-default-a", answers.GetString("zone"));
    }

    [Fact]
    public void A_required_answer_without_a_prompter_names_the_flag()
    {
        var name = new Parameter("project_name", ParameterType.String, "Project name") { OptionName = "name" };
        var error = Assert.Throws<MxException>(() => new AnswerResolver(null).Resolve([name], Answers.Empty, Answers.Empty, Answers.Empty));
        Assert.Contains("--name is required", error.Message);
    }

    [Fact]
    public void An_invalid_value_from_any_source_is_refused_naming_where_it_came_from()
    {
        var resolver = new AnswerResolver(null);
        Assert.Contains("--region", Assert.Throws<MxException>(() => resolver.Resolve([Region], One("bad"), Answers.Empty, Answers.Empty)).Message);
        Assert.Contains("in the answers file", Assert.Throws<MxException>(() => resolver.Resolve([Region], Answers.Empty, One("bad"), Answers.Empty)).Message);
        Assert.Contains(".mx/state.yaml", Assert.Throws<MxException>(() => resolver.Resolve([Region], Answers.Empty, Answers.Empty, One("bad"))).Message);
    }

    [Fact]
    public void Yaml_typed_values_are_coerced_to_the_parameter_type()
    {
        var version = new Parameter("python_version", ParameterType.String, "Python");
        var count = new Parameter("gpu_count", ParameterType.Integer, "GPUs");
        var answers = new AnswerResolver(null).Resolve([version, count], Answers.Empty,
            Answers.Empty.With("python_version", 3L).With("gpu_count", "4"), Answers.Empty);
        Assert.Equal("3", answers["python_version"]);
        Assert.Equal(4L, answers["gpu_count"]);
    }
}
