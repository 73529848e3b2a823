using Mx.Generators;
using Mx.Generators.BuiltIn.Streamlit;

namespace Mx.Tests.Streamlit;

/// <summary>StreamlitApp's structured edits of files others own: the Dockerfile, pyproject.toml and the apps kustomization.</summary>
public class StreamlitEditSpecs
{
    private const string Dockerfile = "FROM python:3.12.8-slim-bookworm AS base\nRUN pip install torch\nUSER 1000:1000\nCMD [\"python\"]\n";

    [Fact]
    public void A_named_first_stage_is_built_on_and_stages_stay_in_name_order_whatever_order_they_came_in()
    {
        var oneWay = AppImageStage.Apply(AppImageStage.Apply(Dockerfile, "pkg", "zeta"), "pkg", "alpha");
        var otherWay = AppImageStage.Apply(AppImageStage.Apply(Dockerfile, "pkg", "alpha"), "pkg", "zeta");

        Assert.Equal(oneWay, otherWay);
        Assert.Equal(["FROM python:3.12.8-slim-bookworm AS base", "FROM base AS app-alpha", "FROM base AS app-zeta", "FROM base"],
            oneWay.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.EndsWith("FROM base\nUSER 1000:1000\n# <<< mx: default target\n", oneWay);
        Assert.Equal(oneWay, AppImageStage.Apply(oneWay, "pkg", "zeta"));
    }

    [Fact]
    public void A_stage_whose_closing_marker_was_deleted_is_refused_rather_than_guessed()
    {
        var edited = AppImageStage.Apply(Dockerfile, "pkg", "demo").Replace("# <<< mx StreamlitApp demo\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<MxException>(() => AppImageStage.Apply(edited, "pkg", "demo"));

        Assert.Contains("without its closing '# <<< mx StreamlitApp demo'", error.Message);
    }

    [Fact]
    public void The_dependency_group_is_added_once_and_a_group_of_that_name_the_user_wrote_is_left_alone()
    {
        const string withoutTable = "[project]\nname = \"x\"\ndependencies = []\n";
        const string usersGroup = "[project]\nname = \"x\"\n\n[project.optional-dependencies]\napp = [\"streamlit==1.50.0\"]\n";

        var added = AppDependencies.Apply(withoutTable, "x");

        Assert.Equal("[project]\nname = \"x\"\ndependencies = []\n\n[project.optional-dependencies]\n" +
                     "# `pip install '.[app]'`: the Streamlit apps in src/x/apps (mx generate StreamlitApp); their images install it.\n" +
                     "app = [\n    \"streamlit==1.67.0\",\n]\n", added);
        Assert.Equal(added, AppDependencies.Apply(added, "x"));
        Assert.Equal(usersGroup, AppDependencies.Apply(usersGroup, "x"));
    }

    [Fact]
    public void Recording_a_deployed_tag_changes_only_that_apps_tag_and_adding_an_app_keeps_every_tag()
    {
        var answers = Answers.Empty.With("project_name", "acme-vision").With("gcp_project", "acme-vision-prod").With("region", "europe-west4");
        var seeded = AppsKustomization.Seed(answers, ["demo", "viewer"]);

        var deployed = AppsKustomization.WithTag(seeded, "acme-vision", "viewer", "0123456789ab");
        var third = AppsKustomization.WithApp(deployed, answers, "third");

        Assert.Equal(StreamlitApps.UndeployedTag, AppsKustomization.Tag(deployed, "acme-vision", "demo"));
        Assert.Equal("0123456789ab", AppsKustomization.Tag(third, "acme-vision", "viewer"));
        Assert.Equal(StreamlitApps.UndeployedTag, AppsKustomization.Tag(third, "acme-vision", "third"));
        Assert.Equal(third, AppsKustomization.WithApp(third, answers, "viewer"));
        Assert.Contains("resources:\n  - demo\n  - viewer\n  - third\n", third);
        Assert.Throws<MxException>(() => AppsKustomization.WithTag(seeded, "acme-vision", "shop", "x"));
    }
}
