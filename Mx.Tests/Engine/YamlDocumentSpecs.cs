using Mx.Generators.Yaml;

namespace Mx.Tests.Engine;

/// <summary>The structured YAML editor writes back what it did not change as it was, comments in their places.</summary>
public class YamlDocumentSpecs
{
    [Fact]
    public void A_comment_above_a_mapping_item_of_a_sequence_stays_above_its_dash()
    {
        const string text = """
            env:
              - name: A
                value: "1"
              # Why B is set.
              - name: B
                value: "2"
            volumes:
              # Why the volume.
              - name: dshm
                emptyDir: {medium: Memory}
            """;

        var written = YamlDocument.Parse(text + "\n", "job.yaml").Write();

        Assert.Equal(text + "\n", written);
    }
}
