using System.Diagnostics;
using System.Net.Http;
using Mx.Pulumi.Docs;
using Mx.Tests.Support;

namespace Mx.Tests.Docs;

/// <summary>
/// mx docs against real Sphinx: Debian's python3-sphinx, python3-myst-parser and python3-sphinx-autobuild under
/// /usr/bin (test.sh installs them), on a copy of the golden sample's docs.
/// </summary>
public class DocsCliSpecs
{
    private const string Missing = "Sphinx is not importable by /usr/bin/python3: run ./test.sh, which installs python3-sphinx, python3-myst-parser and python3-sphinx-autobuild.";

    [Theory]
    [InlineData("acme-vision", "architecture")]
    [InlineData("acme-vision-gateway", "apps")]
    [InlineData("acme-vision-label", "labeling")]
    public void The_golden_samples_docs_build_with_the_package_documented_from_its_docstrings(string sample, string page)
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir, sample);

        var result = MxProcess.Run(project, DebianPython(), "docs", "build");

        Assert.True(result.ExitCode == 0, Missing + "\n" + result.All);
        Assert.Contains("docs/_build/html/index.html", result.Output);
        var api = File.ReadAllText(Path.Combine(project, "docs", "_build", "html", "api.html"));
        foreach (var documented in new[] { "acme_vision.model.MLP", "acme_vision.data.make_dataloaders", "acme_vision.train.run_training" })
            Assert.Contains($"id=\"{documented}\"", api);
        Assert.Contains($"{page}.html", File.ReadAllText(Path.Combine(project, "docs", "_build", "html", "index.html")));
        Assert.True(File.Exists(Path.Combine(project, "docs", "_build", "html", $"{page}.html")));
    }

    [Fact]
    public void A_broken_reference_fails_the_build_with_the_warning_its_file_and_line()
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir);
        File.AppendAllText(Path.Combine(project, "docs", "runbook.md"), "\nSee {ref}`no-such-label`.\n");
        var line = File.ReadAllLines(Path.Combine(project, "docs", "runbook.md")).Length;

        var result = MxProcess.Run(project, DebianPython(), "docs", "build");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"docs/runbook.md:{line}: undefined label: 'no-such-label'", result.All);
        Assert.Contains("1 warning,", result.All);
    }

    [Fact]
    public void Without_sphinx_the_build_says_how_to_install_it_and_exits_2()
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir);
        var bin = FakeBin(dir, "python3", "echo \"ModuleNotFoundError: No module named 'sphinx'\" >&2; exit 1");

        var result = MxProcess.Run(project, new Dictionary<string, string> { ["PATH"] = bin }, "docs", "build");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("No module named 'sphinx'", result.All);
        Assert.Contains("apt-get install python3-sphinx python3-myst-parser", result.All);
        Assert.False(Directory.Exists(Path.Combine(project, "docs", "_build")));
    }

    [Fact]
    public void A_project_without_a_sphinx_configuration_is_told_to_update_the_skeleton()
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir);
        File.Delete(Path.Combine(project, "docs", "conf.py"));

        var result = MxProcess.Run(project, DebianPython(), "docs", "build");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("mx update MLProjectSkeleton", result.All);
    }

    [Fact]
    public void In_the_image_sphinx_runs_as_the_user_on_the_mounted_project_and_warnings_name_the_projects_files()
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir);
        var log = dir.Combine("docker.log");
        var bin = FakeBin(dir, "docker",
            $"printf '%s\\n' \"$*\" >> '{log}'\n" +
            "if [ \"$1\" = run ]; then echo \"/workspace/docs/runbook.md:7: WARNING: undefined label: 'gone'\" >&2; exit 1; fi");

        var result = MxProcess.Run(project, new Dictionary<string, string> { ["PATH"] = bin }, "docs", "build", "--in-image");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("docs/runbook.md:7: undefined label: 'gone'", result.All);
        Assert.DoesNotContain("/workspace/docs", result.All);
        var calls = File.ReadAllLines(log);
        Assert.Equal($"build --tag acme-vision:docs {project}", calls[0]);
        Assert.StartsWith("run --rm --user ", calls[1]);
        Assert.Contains($"--volume {project}:/workspace --workdir /workspace --entrypoint sh acme-vision:docs -c", calls[1]);
        Assert.EndsWith("python -m sphinx -W --keep-going -b html docs docs/_build/html", calls[1]);
    }

    [Fact]
    public void Sphinx_warnings_are_read_with_their_file_and_line_and_a_traceback_stays_with_its_warning()
    {
        const string stderr =
            "/p/docs/api.md:3: WARNING: autodoc: failed to import module 'acme_vision.data'; the following exception was raised:\n" +
            "No module named 'torch'\n" +
            "/p/src/acme_vision/model.py:docstring of acme_vision.model.MLP:4: WARNING: Unexpected indentation.\n" +
            "/p/docs/index.md: WARNING: document isn't included in any toctree\n" +
            "WARNING: html_static_path entry '_static' does not exist\n";

        var warnings = SphinxOutput.Warnings(stderr, "/p");

        Assert.Equal(
        [
            "docs/api.md:3: autodoc: failed to import module 'acme_vision.data'; the following exception was raised:\n    No module named 'torch'",
            "src/acme_vision/model.py:docstring of acme_vision.model.MLP:4: Unexpected indentation.",
            "docs/index.md: document isn't included in any toctree",
            "html_static_path entry '_static' does not exist",
        ], warnings.Select(w => w.ToString()));
    }

    [Fact]
    public async Task Serve_rebuilds_and_serves_the_docs_until_ctrl_c()
    {
        using var dir = new TempDirectory();
        var project = CopySample(dir);
        var port = FreePort();
        var environment = DebianPython().ToDictionary(e => e.Key, e => (string?)e.Value);

        using var process = MxProcess.Launch(project, environment, "docs", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var status = 0;
            for (var deadline = DateTime.UtcNow.AddSeconds(90); status != 200 && DateTime.UtcNow < deadline && !process.HasExited; await Task.Delay(500))
            {
                try { status = (int)(await http.GetAsync($"http://127.0.0.1:{port}/api.html")).StatusCode; }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
            }
            Assert.True(status == 200, $"nothing served on port {port}. {Missing}\n{(process.HasExited ? await output + await error : "")}");
        }
        finally
        {
            if (!process.HasExited)
                using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
        }
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Stopped serving the docs.", await output);
        await error;
    }

    // A gcloud whose 'storage rsync gs://BUCKET DIR' mirrors $FAKE_BUCKET_DIR into DIR, or fails as gcloud does.
    private const string FakeGcloud = """
        printf '%s\n' "$*" >> "$FAKE_LOG"
        if [ -n "$FAKE_DENIED" ]; then
          echo "ERROR: (gcloud.storage.rsync) [ada@acme.ai] does not have permission to access b instance [$3] (or it may not exist): Permission 'storage.objects.list' denied on resource (or it may not exist). This command is authenticated as ada@acme.ai which is the active account specified by the [core/account] property." >&2
          exit 1
        fi
        rm -rf "$4" && mkdir -p "$4" && cp -R "$FAKE_BUCKET_DIR/." "$4/"
        """;

    private static (string Project, Dictionary<string, string> Environment, string Log, string Bucket) PublishedWorld(TempDirectory dir, string sample)
    {
        var project = CopySample(dir, sample);
        var bucket = dir.Combine("bucket");
        Directory.CreateDirectory(bucket);
        var log = dir.Combine("gcloud.log");
        var environment = new Dictionary<string, string> { ["PATH"] = FakeBin(dir, "gcloud", FakeGcloud) + ":/usr/bin:/bin", ["FAKE_LOG"] = log, ["FAKE_BUCKET_DIR"] = bucket };
        return (project, environment, log, bucket);
    }

    [Fact]
    public void Open_reads_the_published_docs_from_the_private_bucket_with_gcloud_and_prints_their_address()
    {
        using var dir = new TempDirectory();
        var (project, environment, log, bucket) = PublishedWorld(dir, "acme-vision-cloudbuild");
        File.WriteAllText(Path.Combine(bucket, "index.html"), "<h1>acme-vision</h1>");
        Directory.CreateDirectory(Path.Combine(bucket, "_static"));
        File.WriteAllText(Path.Combine(bucket, "_static", "basic.css"), "body {}");
        // What an earlier copy had and the bucket no longer has goes, as in the bucket.
        Directory.CreateDirectory(Path.Combine(project, "docs", "_build", "published"));
        File.WriteAllText(Path.Combine(project, "docs", "_build", "published", "removed.html"), "old");

        var result = MxProcess.Run(project, environment, "docs", "open");

        Assert.True(result.ExitCode == 0, result.All);
        var copy = Path.Combine(project, "docs", "_build", "published");
        Assert.Equal($"storage rsync gs://acme-vision-prod-acme-vision-docs {copy} --recursive --delete-unmatched-destination-objects --project acme-vision-prod --quiet",
                     File.ReadAllText(log).Trim());
        Assert.Contains($"The published docs: file://{Path.Combine(copy, "index.html")}", result.Output);
        Assert.Equal("body {}", File.ReadAllText(Path.Combine(copy, "_static", "basic.css")));
        Assert.False(File.Exists(Path.Combine(copy, "removed.html")));
        // docs/_build/ is ignored by git, so the copy never reaches the repository.
        Assert.Contains("docs/_build/", File.ReadAllText(Path.Combine(project, ".gitignore")));
    }

    [Fact]
    public void Open_without_a_pipeline_says_what_publishes_the_docs_and_calls_nothing()
    {
        using var dir = new TempDirectory();
        var (project, environment, log, _) = PublishedWorld(dir, "acme-vision");

        var result = MxProcess.Run(project, environment, "docs", "open");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("Nothing publishes this project's docs yet: 'mx generate CloudBuild' (or GitHubActions)", result.Output);
        Assert.False(File.Exists(log));
    }

    [Fact]
    public void Open_says_why_the_bucket_could_not_be_read_or_holds_no_docs_yet()
    {
        using var dir = new TempDirectory();
        var (project, environment, _, _) = PublishedWorld(dir, "acme-vision-github-actions");

        var empty = MxProcess.Run(project, environment, "docs", "open");
        environment["FAKE_DENIED"] = "1";
        var denied = MxProcess.Run(project, environment, "docs", "open");

        Assert.True(empty.ExitCode == 1, empty.All);
        Assert.Contains("gs://acme-vision-prod-acme-vision-docs holds no index.html: the pipeline publishes the docs on its first run", empty.Output);
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("Permission 'storage.objects.list' denied", denied.All);
        Assert.Contains("readable by the project's engineers", denied.All);
        Assert.DoesNotContain("   at ", denied.All);
    }

    [Fact]
    public void Open_with_the_front_door_opens_the_docs_behind_iap_and_reads_no_bucket()
    {
        using var dir = new TempDirectory();
        var (project, environment, log, _) = PublishedWorld(dir, "acme-vision-docs");
        var browserLog = dir.Combine("browser.log");
        FakeBin(dir, "xdg-open", $"printf '%s\\n' \"$1\" >> '{browserLog}'");
        environment["DISPLAY"] = ":0";

        var opened = MxProcess.Run(project, environment, "docs", "open");
        var printed = MxProcess.Run(project, environment, "docs", "open", "--print");
        environment.Remove("DISPLAY");
        var headless = MxProcess.Run(project, environment, "docs", "open");

        Assert.True(opened.ExitCode == 0, opened.All);
        Assert.Contains("The published docs: https://docs.acme-vision.acme.ai (behind Identity-Aware Proxy", opened.Output);
        Assert.Equal("https://docs.acme-vision.acme.ai\n", File.ReadAllText(browserLog));
        Assert.True(printed.ExitCode == 0, printed.All);
        Assert.Contains("https://docs.acme-vision.acme.ai", printed.Output);
        Assert.True(headless.ExitCode == 0, headless.All);
        Assert.Contains("Not opened in a browser: no display", headless.Output);
        Assert.Contains("mx docs open --download", headless.Output);
        Assert.False(File.Exists(log));
    }

    [Fact]
    public void Open_download_with_the_front_door_still_reads_the_bucket_into_a_local_copy()
    {
        using var dir = new TempDirectory();
        var (project, environment, log, bucket) = PublishedWorld(dir, "acme-vision-docs");
        File.WriteAllText(Path.Combine(bucket, "index.html"), "<h1>acme-vision</h1>");

        var result = MxProcess.Run(project, environment, "docs", "open", "--download");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.StartsWith("storage rsync gs://acme-vision-prod-acme-vision-docs ", File.ReadAllText(log));
        Assert.Contains("The published docs: file://", result.Output);
    }

    private static string CopySample(TempDirectory dir, string sampleName = "acme-vision") =>
        DirectoryCopy.Copy(Path.Combine(Repository.Samples, sampleName), dir.Combine("acme-vision"));

    // Debian's python3 has Sphinx (test.sh installs it); a pyenv or venv python3 earlier on PATH usually has not.
    private static Dictionary<string, string> DebianPython() => new()
    {
        ["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH"),
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    private static string FakeBin(TempDirectory dir, string tool, string script)
    {
        var bin = dir.Combine("bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, tool);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
