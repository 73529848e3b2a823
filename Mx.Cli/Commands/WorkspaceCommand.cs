using System.CommandLine;
using System.Globalization;
using Mx.Generators;
using Mx.Pulumi.Workspaces;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx workspace create|list|stop|start|delete</c>: GPU dev workspaces on the project's cluster, each reached with
/// <c>ssh mx-&lt;project&gt;-&lt;name&gt;</c> through an entry mx keeps in <c>~/.ssh/mx/config</c>.
/// </summary>
internal static class WorkspaceCommand
{
    public static Command Create(CommandContext context)
    {
        var createName = new Argument<string?>("name") { Description = "The workspace's name (a DNS label, at most 40 characters); default: the user part of your gcloud account", Arity = ArgumentArity.ZeroOrOne };
        var shape = new Option<string?>("--shape") { HelpName = "SHAPE", Description = "The GPU pool's shape (such as l4-1) or cpu" };
        var gpus = new Option<int?>("--gpus") { HelpName = "N", Description = "GPUs of one GPU node to take (default 1)" };
        var cpuOnly = new Option<bool>("--cpu-only") { Description = "No GPU: run on the CPU pool" };
        var publicKey = new Option<string?>("--public-key") { HelpName = "FILE", Description = "The ssh public key to place (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub or id_rsa.pub)" };
        var image = new Option<string?>("--image") { HelpName = "IMAGE", Description = "A workspace image pushed before (default: build the Dockerfile's workspace stage with docker and push it)" };
        var createYes = Yes("Add the Include line to ~/.ssh/config without asking (without a terminal and without --yes, mx only prints the line)");
        var createJson = JsonOutput.CreateOption();
        var create = new Command("create",
            "Create a workspace and wait until sshd is ready, showing each phase (queued, node scaling up, image pulling, sshd ready); then 'ssh mx-<project>-<name>' works. Example: mx workspace create --shape l4-1")
        {
            createName, shape, gpus, cpuOnly, publicKey, image, createYes, createJson,
        };
        create.SetAction(parsed =>
        {
            var json = parsed.GetValue(createJson);
            var yes = parsed.GetValue(createYes);
            var request = new WorkspaceRequest(parsed.GetValue(createName), parsed.GetValue(shape), parsed.GetValue(gpus), parsed.GetValue(cpuOnly),
                parsed.GetValue(publicKey), parsed.GetValue(image));
            var created = DevWorkspaces.For(context.WorkingDirectory).Create(request, MxCommand(), line => yes || Ask(context, line), Say(context, json));
            if (json)
            {
                JsonOutput.Write(context, created);
                return 0;
            }
            context.Report.Line($"Workspace {created.Workspace} is ready in {created.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
                                $"({string.Join(", ", created.Phases.Where(p => p.Phase != "ready").Select(p => $"{p.Phase} {p.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s"))}).");
            context.Report.Line($"Connect with: ssh {created.SshHost}   (VS Code: Remote-SSH: Connect to Host... {created.SshHost})");
            if (!created.IncludeInUserConfig)
                context.Report.Line($"ssh reads that host from {created.SshConfig} once ~/.ssh/config starts with the line: {SshConfigFile.IncludeLine}");
            return 0;
        });

        var all = new Option<bool>("--all") { Description = "Everyone's workspaces, in every namespace (for team admins)" };
        var listJson = JsonOutput.CreateOption();
        var list = new Command("list", "Your workspaces: owner, shape, state, age and the idle reaper's warning. Example: mx workspace list --all") { all, listJson };
        list.SetAction(parsed =>
        {
            var workspaces = DevWorkspaces.For(context.WorkingDirectory).List(parsed.GetValue(all));
            if (parsed.GetValue(listJson)) JsonOutput.Write(context, workspaces);
            else Print(context, workspaces);
            return 0;
        });

        var stop = Manage(context, "stop", "Stop a workspace: its pod goes, its home volume stays. Example: mx workspace stop ada",
            (workspaces, name, allOption, say) => workspaces.Stop(name, allOption, say), confirm: false);
        var start = Manage(context, "start", "Start a stopped workspace on its home volume and wait until sshd is ready. Example: mx workspace start ada",
            (workspaces, name, allOption, say) =>
            {
                var phases = workspaces.Start(name, allOption, say);
                return $"Workspace {name} is ready ({string.Join(", ", phases.Where(p => p.Phase != "ready").Select(p => $"{p.Phase} {p.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s"))}).";
            }, confirm: false);
        var delete = Manage(context, "delete", "Delete a workspace with its home volume and its ssh host (asks first unless --yes). Example: mx workspace delete ada --yes",
            (workspaces, name, allOption, say) => workspaces.Delete(name, allOption, say), confirm: true);

        var keepName = new Argument<string>("name") { Description = "The workspace's name, as 'mx workspace list' shows it" };
        var until = new Option<string>("--until")
        {
            HelpName = "WHEN", Required = true,
            Description = "Until when: a time with its offset (2026-12-10T18:00+01:00), a day (2026-12-10, to its end) or a span (36h, 3d); " +
                          "at most the workspace_max_keep_days answer ahead (7 by default)",
        };
        var reason = new Option<string>("--reason") { HelpName = "TEXT", Required = true, Description = "Why it is kept, in one line; 'mx workspace list' shows it" };
        var keepAll = new Option<bool>("--all") { Description = "Keep another user's workspace (for team admins)" };
        var keep = new Command("keep",
            "Spare a running workspace from the idle reaper until a time, with a reason. Example: mx workspace keep ada --until 3d --reason 'benchmark over the weekend'")
        {
            keepName, until, reason, keepAll,
        };
        keep.SetAction(parsed =>
        {
            context.Report.Line(DevWorkspaces.For(context.WorkingDirectory).Keep(parsed.GetValue(keepName)!, parsed.GetValue(until)!, parsed.GetValue(reason)!,
                parsed.GetValue(keepAll), line => context.Report.Line(line)));
            return 0;
        });

        var workspace = new Command("workspace",
            "GPU dev workspaces: mx workspace create [NAME], list, ssh NAME, jupyter NAME, sync NAME, keep NAME, stop NAME, start NAME, delete NAME")
        {
            create, list, keep, stop, start, delete,
        };
        foreach (var command in WorkspaceConnectCommands.All(context)) workspace.Subcommands.Add(command);
        return workspace;
    }

    private static Command Manage(CommandContext context, string verb, string description, Func<DevWorkspaces, string, bool, Action<string>, string> act, bool confirm)
    {
        var name = new Argument<string>("name") { Description = "The workspace's name, as 'mx workspace list' shows it" };
        var all = new Option<bool>("--all") { Description = "Act on another user's workspace (for team admins)" };
        var json = JsonOutput.CreateOption();
        var command = new Command(verb, description) { name, all, json };
        var yes = confirm ? Yes("Delete without asking (required without a terminal)") : null;
        if (yes is not null) command.Options.Add(yes);
        command.SetAction(parsed =>
        {
            var workspace = parsed.GetValue(name)!;
            var asJson = parsed.GetValue(json);
            if (yes is not null && !parsed.GetValue(yes))
            {
                if (!CanAsk(context))
                    throw new MxException($"mx workspace delete removes the home volume of {workspace}, which cannot be undone; without a terminal it needs --yes.");
                if (!context.Console.Confirm($"Delete workspace {workspace} and its home volume? This cannot be undone.", false))
                {
                    context.Report.Line("Nothing was deleted.");
                    return 0;
                }
            }
            var message = act(DevWorkspaces.For(context.WorkingDirectory), workspace, parsed.GetValue(all), Say(context, asJson));
            if (asJson) JsonOutput.Write(context, new { Workspace = workspace, Action = verb, Message = message });
            else context.Report.Line(message);
            return 0;
        });
        return command;
    }

    private static Option<bool> Yes(string description) => new("--yes", "-y") { Description = description };

    private static bool CanAsk(CommandContext context) => !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;

    private static bool Ask(CommandContext context, string includeLine) =>
        CanAsk(context) && context.Console.Confirm($"Add '{includeLine}' at the top of ~/.ssh/config, so ssh and VS Code find your workspaces?", true);

    // With --json, standard output holds only the JSON; the live phases go to standard error.
    private static Action<string> Say(CommandContext context, bool json) => json ? line => Console.Error.WriteLine(line) : line => context.Report.Line(line);

    // The ssh ProxyCommand runs mx again: the installed executable when this is one, else whatever 'mx' is on PATH.
    private static string MxCommand() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("mx", StringComparison.OrdinalIgnoreCase) ? path : "mx";

    private static void Print(CommandContext context, IReadOnlyList<WorkspaceSummary> workspaces)
    {
        if (workspaces.Count == 0)
        {
            context.Report.Line("No workspaces. Create one with 'mx workspace create'.");
            return;
        }
        var table = new Table().AddColumns("Workspace", "Namespace", "Owner", "Shape", "State", "Age (h)", "GPU util. (15 min)", "Idle warning");
        foreach (var w in workspaces)
            table.AddRow(Markup.Escape(w.Workspace), Markup.Escape(w.Namespace), Markup.Escape(w.Owner), Markup.Escape(w.Shape), w.State,
                w.AgeHours.ToString("0.0", CultureInfo.InvariantCulture),
                w.GpuUtilisationPercent is { } gpu ? $"{gpu.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-",
                Markup.Escape(w.IdleWarnedAt is null ? "-" : $"warned {w.IdleHoursSinceWarning?.ToString("0.0", CultureInfo.InvariantCulture)} h ago" +
                                                            (w.KeepUntil is null ? "" : $", kept until {w.KeepUntil}")));
        context.Console.Write(table);
    }
}
