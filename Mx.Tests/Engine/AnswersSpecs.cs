using Mx.Generators;

namespace Mx.Tests.Engine;

public class AnswersSpecs
{
    [Fact]
    public void Answers_given_in_any_order_are_kept_in_ordinal_key_order_and_a_repeated_key_replaces_its_value()
    {
        string[] keys = ["zone", "gpu_type", "Region", "a", "gpu_count", "region", "a_b", "_x"];
        foreach (var order in new[] { keys, keys.Reverse().ToArray(), keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToArray() })
        {
            var answers = order.Aggregate(Answers.Empty, (a, key) => a.With(key, key + "-1")).With("gpu_type", "nvidia-l4");

            Assert.Equal(keys.Order(StringComparer.Ordinal), answers.Keys);
            Assert.Equal(keys.Length, answers.Count);
            Assert.Equal("nvidia-l4", answers.GetString("gpu_type"));
            Assert.All(keys.Where(k => k != "gpu_type"), k => Assert.Equal(k + "-1", answers[k]));
            Assert.False(answers.ContainsKey("gpu"));
            Assert.Throws<KeyNotFoundException>(() => answers["gpu"]);
        }
    }

    [Fact]
    public void Adding_an_answer_leaves_the_original_set_as_it_was()
    {
        var before = Answers.Empty.With("region", "europe-west4");
        var after = before.With("region", "us-central1").With("zone", "us-central1-a");

        Assert.Equal("europe-west4", before.GetString("region"));
        Assert.Single(before);
        Assert.Equal(["region", "zone"], after.Keys);
    }
}
