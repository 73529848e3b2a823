using Mx.Tests.Support;

namespace Mx.Tests.Cli;

/// <summary>Every bad input gets one clear paragraph, exit code 2, no stack trace, and nothing on disk.</summary>
public class BadInputCliSpecs
{
    [Fact]
    public void An_unknown_generator_suggests_the_closest_name()
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeletn", "--name", "demo"), "no generator named 'MLProjectSkeletn'", "Did you mean 'MLProjectSkeleton'?");
        CliScenario.AssertBadInput(scenario.Mx("describe", "mlprojectskeleton"), "Did you mean 'MLProjectSkeleton'?");
        Assert.Empty(scenario.Tree());
    }

    [Theory]
    [InlineData("state", "show")]
    [InlineData("update")]
    [InlineData("destroy", "DistributedTraining")]
    [InlineData("generate", "DistributedTraining", "--no-input")]
    [InlineData("deploy", "--list")]
    [InlineData("run", "--list")]
    [InlineData("plugin", "list")]
    public void Every_command_that_needs_a_project_says_the_same_outside_one(params string[] args)
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx(args), "is not inside an mx project (no .mx/state.yaml here or above)",
            "cd into a project made with 'mx generate MLProjectSkeleton'");
        Assert.Empty(scenario.Tree());
    }

    [Theory]
    [InlineData("Acme_Vision")]
    [InlineData("a")]
    [InlineData("this-name-is-far-too-long-for-gcp")]
    public void An_invalid_project_name_is_refused(string name)
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", name, "--no-input"), $"Invalid --name '{name}'", "2 to 20 characters");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void A_gpu_type_the_region_does_not_offer_is_refused_with_the_ones_it_does()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--region", "europe-west4", "--gpu-type", "nvidia-tesla-k80", "--no-input");
        CliScenario.AssertBadInput(result, "Invalid --gpu-type 'nvidia-tesla-k80'", "europe-west4 does not offer it", "nvidia-l4");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void A_region_without_gpus_is_refused_for_that_reason()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--region", "europe-west12", "--no-input");
        CliScenario.AssertBadInput(result, "Invalid --region 'europe-west12'", "offers no GPUs", "europe-west4");
        Assert.DoesNotContain("--gpu-type is required", result.All);
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void A_base_image_that_was_never_published_or_a_machine_type_that_does_not_exist_is_refused_with_the_valid_ones()
    {
        using var scenario = new CliScenario();
        string[] demo = ["generate", "MLProjectSkeleton", "--name", "demo", "--no-input"];
        CliScenario.AssertBadInput(scenario.Mx([.. demo, "--cuda-version", "11.2"]),
            "Invalid --cuda-version '11.2'", "no image of PyTorch 2.5.1 with CUDA 11.2", "11.8, 12.1, 12.4");
        CliScenario.AssertBadInput(scenario.Mx([.. demo, "--python-version", "3.12"]),
            "Invalid --python-version '3.12'", "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime ships Python 3.11");
        CliScenario.AssertBadInput(scenario.Mx([.. demo, "--cpu-machine-type", "e2-superbig"]),
            "Invalid --cpu-machine-type 'e2-superbig'", "e2-standard-2/4/8/16/32");
        CliScenario.AssertBadInput(scenario.Mx([.. demo, "--torch-version", "2.5.7"]), "Invalid --torch-version '2.5.7'", "2.5.1");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void Another_torch_release_gets_its_own_cuda_cudnn_and_python()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--torch-version", "2.2.2", "--no-input");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("FROM pytorch/pytorch:2.2.2-cuda12.1-cudnn8-runtime\n", File.ReadAllText(Path.Combine(scenario.Path, "demo", "Dockerfile")));
        Assert.Contains("python_version: \"3.10\"", File.ReadAllText(Path.Combine(scenario.Path, "demo", ".mx", "state.yaml")));
    }

    [Fact]
    public void An_unknown_region_and_a_bad_gcp_project_are_refused()
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--region", "mars-north1", "--no-input"), "Invalid --region 'mars-north1'", "europe-west4");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--gcp-project", "Bad_Project", "--no-input"), "Invalid --gcp-project");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--gpu-count", "lots", "--no-input"), "Invalid --gpu-count", "not a whole number");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--engineers", "ada,bob@x.io", "--no-input"), "'ada' is not an email address");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--mlflow-database", "sqlite", "--no-input"), "Invalid --mlflow-database 'sqlite'", "in-cluster", "cloud-sql");
        Assert.Empty(scenario.Tree());
    }

    [Theory]
    [InlineData("1", "a3-highgpu-1g")]
    [InlineData("2", "a3-highgpu-2g")]
    [InlineData("4", "a3-highgpu-4g")]
    public void An_h100_shape_sold_only_as_spot_is_refused_for_the_on_demand_gpu_pool(string count, string machine)
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--region", "europe-west4", "--gpu-type", "nvidia-h100-80gb",
            "--gpu-count", count, "--no-input");

        CliScenario.AssertBadInput(result, $"Invalid --gpu-count '{count}'", machine, "only as Spot or Flex-start", "--gpu-count 8", "spot: true");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void An_h100_pool_without_a_gpu_count_gets_the_on_demand_8_gpu_shape()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--region", "europe-west4", "--gpu-type", "nvidia-h100-80gb", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("machineType: a3-highgpu-8g", File.ReadAllText(System.IO.Path.Combine(scenario.Path, "demo", "infra", "pulumi", "cluster", "Main.yaml")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("721")]
    public void A_job_deadline_outside_1_to_720_hours_is_refused(string hours)
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--job-deadline-hours", hours, "--no-input");
        CliScenario.AssertBadInput(result, $"Invalid --job-deadline-hours '{hours}'", "1");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void A_job_deadline_answer_reaches_the_job_template_in_seconds()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--job-deadline-hours", "12", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("activeDeadlineSeconds: 43200", File.ReadAllText(System.IO.Path.Combine(scenario.Path, "demo", "infra", "k8s", "jobs", "train_job.yaml")));
    }

    [Fact]
    public void A_malformed_state_file_names_the_line_and_column_and_nothing_changes()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = Path.Combine(scenario.Project, ".mx", "state.yaml");
        File.WriteAllText(state, File.ReadAllText(state).Replace("  region: europe-west4", "  region: [europe-west4"));
        var before = scenario.Tree();

        var result = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");

        CliScenario.AssertBadInput(result, ".mx/state.yaml(", "not valid YAML", "git checkout -- .mx/state.yaml");
        Assert.Equal(before, scenario.Tree());
    }

    [Fact]
    public void A_malformed_answers_file_names_the_line_and_column()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "project_name: demo\nregion:\n  nested: map\n");
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--answers", "answers.yaml", "--no-input");
        CliScenario.AssertBadInput(result, "answers.yaml(3,3)", "mapping");
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "project_name: [demo\n");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--answers", "answers.yaml", "--no-input"), "answers.yaml(2,", "not valid YAML");
        Assert.Equal(["answers.yaml"], scenario.Tree().Keys);
    }

    [Fact]
    public void An_unknown_key_in_an_answers_file_is_refused_with_the_nearest_answer_name()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "project_name: demo\ngpu_typ: nvidia-l4\n");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--answers", "answers.yaml", "--no-input"),
            "answers.yaml(2,1)", "'gpu_typ'", "Did you mean 'gpu_type'?", "gcp_project");
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "name: demo\n");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--answers", "answers.yaml", "--no-input"),
            "'name' is the option --name", "'project_name'");
        Assert.Equal(["answers.yaml"], scenario.Tree().Keys);
    }

    [Fact]
    public void An_answers_file_supplies_answers_that_flags_override()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "project_name: demo\nregion: europe-west4\ngpu_count: 2\n");
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--answers", "answers.yaml", "--gpu-count", "1", "--no-input");
        Assert.True(result.ExitCode == 0, result.All);
        var state = File.ReadAllText(Path.Combine(scenario.Path, "demo", ".mx", "state.yaml"));
        Assert.Contains("region: europe-west4", state);
        Assert.Contains("gpu_count: 1", state);
    }

    [Fact]
    public void An_existing_repository_is_adopted_and_only_colliding_files_are_conflicts()
    {
        using var scenario = new CliScenario();
        var existing = Path.Combine(scenario.Path, "existing");
        Directory.CreateDirectory(Path.Combine(existing, ".git"));
        File.WriteAllText(Path.Combine(existing, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(existing, "LICENSE"), "MIT\n");
        File.WriteAllText(Path.Combine(existing, "README.md"), "# Our project\n");
        var before = scenario.Tree();

        var refused = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--output", "existing", "--no-input");
        Assert.True(refused.ExitCode == 3, refused.All);
        Assert.Contains("conflict  README.md", refused.Output);
        Assert.Equal(before, scenario.Tree());

        var adopted = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--output", "existing", "--no-input", "--conflicts", "mine");
        Assert.True(adopted.ExitCode == 0, adopted.All);
        Assert.Equal("# Our project\n", File.ReadAllText(Path.Combine(existing, "README.md")));
        Assert.Equal("MIT\n", File.ReadAllText(Path.Combine(existing, "LICENSE")));
        Assert.True(File.Exists(Path.Combine(existing, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(existing, ".mx", "state.yaml")));
        Assert.Contains("Nothing to change", scenario.MxIn(existing, "generate", "MLProjectSkeleton", "--no-input").Output);
    }

    [Fact]
    public void A_read_only_target_directory_is_reported_and_left_empty()
    {
        using var scenario = new CliScenario();
        var target = Path.Combine(scenario.Path, "readonly");
        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var result = MxProcess.RunUnprivileged(scenario.Path, "generate", "MLProjectSkeleton", "--name", "demo", "--output", target, "--no-input");
            CliScenario.AssertBadInput(result, "cannot write to", "Nothing was changed");
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
        }
        finally
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_missing_required_answer_without_a_terminal_names_the_flag()
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--no-input"), "--name is required");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-such-flag"), "--no-such-flag");
        Assert.Empty(scenario.Tree());
    }
}
