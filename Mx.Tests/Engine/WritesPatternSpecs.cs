using Mx.Generators.Internal;

namespace Mx.Tests.Engine;

public class WritesPatternSpecs
{
    [Theory]
    [InlineData("infra/k8s/training-infra/postgres-service.yaml", "infra/k8s/training-infra/postgres-service.yaml", true)]
    [InlineData("src/<package_name>/train.py", "src/acme_vision/train.py", true)]
    [InlineData("tests/test_<package_name>.py", "tests/test_acme_vision.py", true)]
    [InlineData("<a>-<b>.txt", "x-y-z.txt", true)]
    [InlineData("src/<package_name>/train.py", "src/acme/vision/train.py", false)]
    [InlineData("src/<package_name>/train.py", "src//train.py", false)]
    [InlineData("tests/test_<package_name>.py", "tests/test_.py", false)]
    [InlineData("infra/k8s/training-infra/postgres-service.yaml", "infra/k8s/training-infra/postgres-service.yml", false)]
    public void A_token_stands_for_some_text_within_one_path_segment(string pattern, string path, bool matches) =>
        Assert.Equal(matches, WritesPattern.Matches(pattern, path));
}
