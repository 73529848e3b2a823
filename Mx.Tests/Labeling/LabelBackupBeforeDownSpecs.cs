using Mx.Pulumi;
using Mx.Tests.Gateway;
using Mx.Tests.Infra;

namespace Mx.Tests.Labeling;

/// <summary>
/// mx down with the labeling tool: CVAT's volumes go with the cluster and its backup plan stays, so the day's labels are
/// backed up through the plan first, and nothing is destroyed when that backup fails.
/// </summary>
public sealed class LabelBackupBeforeDownSpecs : IDisposable
{
    private const string Plan = "acme-vision-label-3fa9c1";
    private readonly FakeInfra _infra = new("fresh");
    private readonly Dictionary<string, string?> _environment;

    public LabelBackupBeforeDownSpecs()
    {
        Assert.Equal(0, _infra.Mx(GatewayCliSpecs.SampleArgs).ExitCode);
        Assert.Equal(0, _infra.Mx(LabelingToolCliSpecs.SampleArgs).ExitCode);
        var outputs = Path.Combine(_infra.Project, "..", "extra-outputs.json");
        File.WriteAllText(outputs, $$"""{"labelBackupPlan": "{{Plan}}", "labelShareServiceAccount": "acme-vision-label@acme-vision-prod.iam.gserviceaccount.com"}""");
        _environment = _infra.Environment;
        _environment["MX_FAKE_EXTRA_OUTPUTS"] = outputs;
        _environment["MX_FAKE_ZONES"] = """{"acme-vision-prod/acme-ai": "acme.ai."}""";
        var up = _infra.Mx(_environment, "up", "--yes", "--backend", _infra.LocalBackend);
        Assert.True(up.ExitCode == 0, up.All);
        File.Delete(_infra.LogPath);
    }

    private int FirstDestroy(IReadOnlyList<FakeCall> calls) =>
        calls.ToList().FindIndex(c => c.Tool == "pulumi" && c.Argv.Count > 0 && c.Argv[0] == "destroy");

    [Fact]
    public void Down_backs_up_the_labeling_tool_through_its_plan_before_it_destroys_anything()
    {
        var result = _infra.Mx(_environment, "down", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        var calls = _infra.Calls();
        var backup = calls.ToList().FindIndex(c => c.Tool == "gcloud" && c.Argv.Count > 4 && c.Argv[3] == "backups");
        Assert.True(backup >= 0, string.Join("\n", calls.Select(c => $"{c.Tool} {string.Join(' ', c.Argv)}")));
        Assert.True(backup < FirstDestroy(calls), "the backup must come before the platform stack is destroyed");
        var name = calls[backup].Argv[5];
        Assert.Matches(@"^mx-down-\d{8}-\d{6}$", name);
        Assert.Equal(GcloudArguments.CreateGkeBackup(name, Plan, "europe-west4", "acme-vision-prod"), calls[backup].Argv);
        Assert.Contains($"Backup {name} is complete", result.Output);
        Assert.Contains("Kept the Backup for GKE plan of the labeling tool with its backups", result.Output);
    }

    [Fact]
    public void A_backup_that_fails_stops_the_down_before_anything_is_destroyed()
    {
        _environment["MX_FAKE_BACKUP_DENIED"] = "1";

        var result = _infra.Mx(_environment, "down", "--yes");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Permission 'gkebackup.backups.create' denied", result.All);
        Assert.Contains("Nothing was destroyed", result.All);
        Assert.Contains("mx down --no-label-backup", result.All);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Equal(-1, FirstDestroy(_infra.Calls()));
    }

    [Fact]
    public void No_label_backup_destroys_without_the_backup()
    {
        var result = _infra.Mx(_environment, "down", "--yes", "--no-label-backup");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain(_infra.Calls("gcloud"), c => c.Argv.Contains("backup-restore"));
        Assert.True(FirstDestroy(_infra.Calls()) >= 0);
    }

    public void Dispose() => _infra.Dispose();
}
