using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Workspaces;

namespace Mx.Cli.Commands;

/// <summary>
/// Reaching a workspace: <c>mx workspace proxy</c> (ssh's ProxyCommand), <c>ssh</c>, <c>jupyter</c> and <c>sync</c>,
/// the subcommands of <c>mx workspace</c> that connect to a running workspace.
/// </summary>
internal static class WorkspaceConnectCommands
{
    public static IEnumerable<Command> All(CommandContext context) => [Proxy(context), Ssh(context), Jupyter(context), Sync(context)];

    /// <summary>
    /// Whether <paramref name="args"/> run <c>mx workspace proxy</c>, whose standard output belongs to ssh's byte
    /// stream: everything mx prints for it, errors included, goes to standard error.
    /// </summary>
    public static bool StandardOutputIsData(string[] args)
    {
        var words = args.Where(a => !a.StartsWith('-')).Take(2).ToArray();
        return words is ["workspace", "proxy"];
    }

    private static Argument<string> Name() => new("NAME") { Description = "The workspace's name (see 'mx workspace list')" };

    private static Command Proxy(CommandContext context)
    {
        var name = Name();
        var project = new Option<string>("--project")
        {
            Description = "The project directory (default: the current one); the ssh entry names it, as ssh may start the proxy anywhere",
            HelpName = "DIR",
        };
        var command = new Command("proxy",
            "ssh's ProxyCommand for a workspace: relays standard input and output to the workspace's sshd through the Kubernetes API " +
            "(kubectl port-forward), so nothing is exposed. The ssh entry 'mx workspace create' writes runs it; you do not need to.")
        {
            name, project,
        };
        command.SetAction(parsed =>
        {
            var directory = Path.GetFullPath(parsed.GetValue(project) ?? context.WorkingDirectory, context.WorkingDirectory);
            var infra = InfraProject.Load(directory, null, null);
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return WorkspaceProxy.Run(infra, parsed.GetValue(name)!, input, output, Console.Error.WriteLine);
        });
        return command;
    }

    private static Command Ssh(CommandContext context)
    {
        var name = Name();
        var sshArguments = new Argument<string[]>("SSH-ARGS")
        {
            Description = "Given to ssh after the host: options, then a command to run instead of a shell (after --)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("ssh", "Open a shell in a workspace through its ssh entry (ssh mx-PROJECT-NAME). Example: mx workspace ssh ada-dev -- nvidia-smi")
        {
            name, sshArguments,
        };
        command.SetAction(parsed =>
            WorkspaceSsh.Run(InfraProject.Load(context.WorkingDirectory, null, null), parsed.GetValue(name)!, parsed.GetValue(sshArguments) ?? []));
        return command;
    }

    private static Command Jupyter(CommandContext context)
    {
        var name = Name();
        var port = new Option<int>("--port")
        {
            Description = "Local port of the forward",
            HelpName = "PORT",
            DefaultValueFactory = _ => WorkspaceJupyter.DefaultPort,
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the URL without opening a browser" };
        var command = new Command("jupyter",
            "Forward a workspace's JupyterLab to this machine until Ctrl+C, and print (and open) its URL with the token. Example: mx workspace jupyter ada-dev")
        {
            name, port, noBrowser,
        };
        command.SetAction(parsed =>
        {
            var infra = InfraProject.Load(context.WorkingDirectory, null, null);
            using var interruption = new Interruption();
            WorkspaceJupyter.Forward(infra, parsed.GetValue(name)!, parsed.GetValue(port), message => context.Report.Line(message), url =>
            {
                if (!parsed.GetValue(noBrowser)) WorkspaceSsh.OpenInBrowser(url, message => context.Report.Line(message));
            }, interruption);
            context.Report.Line("Stopped forwarding JupyterLab.");
            return (int)ExitCode.Interrupted;
        });
        return command;
    }

    private static Command Sync(CommandContext context)
    {
        var name = Name();
        var watch = new Option<bool>("--watch") { Description = "Keep syncing: local changes at once, the workspace's every few seconds, until Ctrl+C" };
        var delete = new Option<bool>("--delete")
        {
            Description = "Delete on the other side what was deleted on one (without it, a file deleted on one side comes back from the other)",
        };
        var command = new Command("sync",
            "Two-way sync of the project directory with ~/PROJECT in a workspace, over its ssh entry: the newer version of a file changed on both " +
            "sides wins and the other is kept as FILE.mx-conflict-local or FILE.mx-conflict-workspace; .gitignore and .mxignore are respected; " +
            "nothing is deleted without --delete. Example: mx workspace sync ada-dev --watch")
        {
            name, watch, delete,
        };
        command.SetAction(parsed =>
        {
            var sync = WorkspaceSync.For(InfraProject.Load(context.WorkingDirectory, null, null), parsed.GetValue(name)!);
            if (!parsed.GetValue(watch))
            {
                sync.Once(parsed.GetValue(delete), message => context.Report.Line(message));
                return 0;
            }
            using var interruption = new Interruption();
            sync.Watch(parsed.GetValue(delete), message => context.Report.Line(message), interruption);
            context.Report.Line("Stopped syncing.");
            return (int)ExitCode.Interrupted;
        });
        return command;
    }
}
