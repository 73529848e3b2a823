using System.Diagnostics;

namespace Mx.Tests.Training;

public class RunInterruptSpecs
{
    [Theory]
    [InlineData("run")]
    [InlineData("logs")]
    public async Task Ctrl_c_while_following_a_job_stops_mx_with_130_and_leaves_the_job_running(string mode)
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_FOLLOW_HANG"] = "1";
        string? job = null;
        if (mode == "logs")
        {
            world.Extra.Remove("MX_FAKE_FOLLOW_HANG");
            var submitted = world.Mx("run", "train");
            Assert.True(submitted.ExitCode == 0, submitted.All);
            job = world.Calls().Single(c => c.Stdin is not null).Stdin!.Split('\n').First(l => l.StartsWith("  name:")).Split(':')[1].Trim();
            world.Extra["MX_FAKE_FOLLOW_HANG"] = "1";
        }
        int Follows() => world.Calls().Count(c => c.Tool == "kubectl" && c.Argv.Contains("--follow"));
        var before = Follows();

        using var process = world.Start(mode == "logs" ? ["run", "--logs", job!] : ["run", "train"]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Follows() == before && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Thread.Sleep(500);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not exit after the interrupt");
        var printed = await output + await error;

        Assert.True(process.ExitCode == 130, printed);
        Assert.Contains("Interrupted: mx stopped following job", printed);
        Assert.Contains("keeps running on the cluster", printed);
        if (mode == "run") Assert.Contains("'mx run --cancel ", printed);
        Assert.Contains("\"interrupted\": true", File.ReadAllText(world.LogPath));
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "kubectl" && c.Argv.Contains("delete"));
        Assert.DoesNotContain("   at ", printed);
    }
}
