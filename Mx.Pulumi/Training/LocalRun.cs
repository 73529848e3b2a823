using System.Diagnostics;
using System.Runtime.InteropServices;
using Mx.Generators;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Tracking;

namespace Mx.Pulumi.Training;

/// <summary>
/// <c>mx run ENTRYPOINT --local</c>: the entry point's command on this machine, in the project root, logging to the
/// project's tracking server through a port-forward (the one already open, or one held for the run). The command
/// shares mx's terminal, so its progress output and Ctrl+C behave as if it had been typed.
/// </summary>
public static class LocalRun
{
    public static int Run(string workingDirectory, RunRequest request, Action<string> say)
    {
        if (request.Gpus is not null || request.Distributed || request.Workers is not null || request.GpusPerWorker is not null || request.Queue is not null
            || request.DeadlineHours is not null || request.MaxWait is not null)
            throw new MxException("--local runs the entry point on this machine, so --gpus, --distributed, --workers, --gpus-per-worker, --queue, --max-wait and --deadline do not apply; drop them or drop --local.");
        var project = InfraProject.Load(workingDirectory, null, null);
        var entryPoint = MLprojectEntryPoint.Find(project.Root, request.EntryPoint);
        var argv = entryPoint.Argv(request.Parameters).ToList();
        argv[0] = Executable(argv[0]);

        // Where the run is tracked: a server the user chose, else the project's own once mx up has made it, else (day
        // one, no cluster yet) a local file store that 'mlflow ui' can read.
        var chosen = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI");
        var clusterUp = project.State.Infra.Outputs.Count > 0;
        using var forward = string.IsNullOrEmpty(chosen) && clusterUp ? TrackingServer.For(workingDirectory).Reach(TrackingServer.DefaultPort) : null;
        var trackingUri = !string.IsNullOrEmpty(chosen) ? chosen
            : clusterUp ? TrackingServer.Url(TrackingServer.DefaultPort)
            : new Uri(Path.Combine(project.Root, "mlruns") + Path.DirectorySeparatorChar).AbsoluteUri;
        say($"Running {string.Join(' ', entryPoint.Argv(request.Parameters))} here, tracked at {trackingUri}" +
            (!string.IsNullOrEmpty(chosen) ? " (MLFLOW_TRACKING_URI)"
             : forward is { Temporary: true } ? " (through a port-forward held for this run)"
             : forward is null ? " (a local file store: the project has no cluster yet, so 'mx up' has not run; see the runs with 'mlflow ui --backend-store-uri ./mlruns')"
             : ""));
        var start = new ProcessStartInfo(argv[0]) { WorkingDirectory = project.Root, UseShellExecute = false };
        foreach (var arg in argv.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment["MLFLOW_TRACKING_URI"] = trackingUri;
        // The MLproject command runs the package from src/ without an install, as the image does.
        var pythonPath = Environment.GetEnvironmentVariable("PYTHONPATH");
        start.Environment["PYTHONPATH"] = string.IsNullOrEmpty(pythonPath) ? "src" : $"src{Path.PathSeparator}{pythonPath}";

        using var interruption = new Interruption();
        using var process = Process.Start(start)!;
        // Without a terminal to deliver Ctrl+C to the whole group, mx passes it on.
        using var passOn = interruption.Graceful.Register(() => { if (!process.HasExited) kill(process.Id, SigInt); });
        process.WaitForExit();
        if (interruption.Requested)
            throw new MxException($"Interrupted: {entryPoint.Name} stopped (exit code {process.ExitCode}).", ExitCode.Interrupted);
        say(process.ExitCode == 0 ? $"{entryPoint.Name} finished." : $"{entryPoint.Name} failed with exit code {process.ExitCode}.");
        return process.ExitCode;
    }

    // MLproject commands say 'python'; many machines have only python3.
    private static string Executable(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (ToolRunner.Find(command, path) is { } found) return found;
        if (command == "python" && ToolRunner.Find("python3", path) is { } python3) return python3;
        throw new MxException($"'{command}' is not on PATH, so the entry point cannot run here. Install it (or activate the project's virtual environment) and run again.");
    }

    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
