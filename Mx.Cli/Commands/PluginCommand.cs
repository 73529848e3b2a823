using System.CommandLine;
using Mx.Plugins;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary><c>mx plugin add|list|remove|restore|sdk</c>: generator plugins from NuGet feeds, pinned per project, and the SDK they build on.</summary>
internal static class PluginCommand
{
    public static Command Create(CommandContext context) => new("plugin", "Install, pin and remove generator plugins (NuGet packages)")
    {
        Add(context),
        List(context),
        Remove(context),
        Restore(context),
        Sdk(context),
    };

    private static Option<string?> SourceOption() => new("--source") { HelpName = "SOURCE", Description = "A NuGet feed URL, a folder, or the name of a source in nuget.config (default: nuget.config's sources)" };

    private static Option<bool> NoInputOption() => new("--no-input") { Description = "Never prompt; an untrusted source then needs --trust" };

    private static Command Add(CommandContext context)
    {
        var id = new Argument<string>("package-id") { Description = "The plugin's NuGet package id, e.g. Acme.Mx.Generators" };
        var version = new Option<string?>("--version") { HelpName = "VERSION", Description = "The version to install (default: the newest stable)" };
        var source = SourceOption();
        var noInput = NoInputOption();
        var trust = new Option<bool>("--trust") { Description = "Trust the package source and record it in the project's state" };
        var command = new Command("add", "Install a plugin and pin it in .mx/state.yaml. Example: mx plugin add Acme.Mx.Generators --source ./feed")
        {
            id, version, source, noInput, trust,
        };
        command.SetAction(int (parsed) =>
        {
            var service = Service(context, interactive: !parsed.GetValue(noInput));
            var installed = service.Add(parsed.GetValue(id)!, parsed.GetValue(version), parsed.GetValue(source), parsed.GetValue(trust));
            context.Console.MarkupLineInterpolated($"Installed {installed.Pin.Id} {installed.Pin.Version} from {installed.Pin.Source} and pinned it ({installed.Pin.Sha512[..23]}…).");
            foreach (var generator in installed.Generators)
                context.Console.MarkupLineInterpolated($"  {generator.Name}: {generator.Summary}");
            return 0;
        });
        return command;
    }

    private static Command List(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        // --source and --no-input are accepted by every plugin command, so scripts can pass them uniformly.
        var command = new Command("list", "List the project's pinned plugins and whether they load. Example: mx plugin list") { json, SourceOption(), NoInputOption() };
        command.SetAction(int (parsed) =>
        {
            var plugins = Service(context, interactive: false).List();
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, plugins.Select(p => new
                {
                    p.Pin.Id, p.Pin.Version, p.Pin.Sha512, p.Pin.Source,
                    Generators = p.Generators.Select(g => g.Name), p.Problem,
                }));
                return 0;
            }
            if (plugins.Count == 0) context.Console.MarkupLine("This project has no plugins. Add one with 'mx plugin add <PackageId>'.");
            var table = new Table().AddColumns("Plugin", "Version", "Source", "Generators", "Status");
            foreach (var p in plugins)
                table.AddRow(Markup.Escape(p.Pin.Id), Markup.Escape(p.Pin.Version), Markup.Escape(p.Pin.Source),
                    Markup.Escape(string.Join(", ", p.Generators.Select(g => g.Name))), p.Problem is null ? "[green]ok[/]" : $"[red]{Markup.Escape(p.Problem)}[/]");
            if (plugins.Count > 0) context.Console.Write(table);
            return plugins.Any(p => p.Problem is not null) ? 1 : 0;
        });
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var id = new Argument<string>("package-id") { Description = "The plugin to remove from the project" };
        var command = new Command("remove", "Unpin a plugin; the files its generators wrote stay. Example: mx plugin remove Acme.Mx.Generators")
        {
            id, SourceOption(), NoInputOption(),
        };
        command.SetAction(int (parsed) =>
        {
            var pin = Service(context, interactive: false).Remove(parsed.GetValue(id)!);
            context.Console.MarkupLineInterpolated($"Removed {pin.Id} {pin.Version} from the project. Files its generators wrote are left as they are.");
            return 0;
        });
        return command;
    }

    private static Command Restore(CommandContext context)
    {
        var source = SourceOption();
        var command = new Command("restore", "Install exactly the plugins .mx/state.yaml pins, checking their hashes (the CI path). Example: mx plugin restore")
        {
            source, NoInputOption(),
        };
        command.SetAction(int (parsed) =>
        {
            var restored = Service(context, interactive: false).Restore(parsed.GetValue(source));
            foreach (var installed in restored)
                context.Console.MarkupLineInterpolated($"  {installed.Pin.Id} {installed.Pin.Version}: {string.Join(", ", installed.Generators.Select(g => g.Name))}");
            context.Console.MarkupLineInterpolated($"Restored {restored.Count} plugin(s); every package matches its pinned hash.");
            return 0;
        });
        return command;
    }

    private static Command Sdk(CommandContext context)
    {
        var output = new Option<string>("--output", "-o")
        {
            HelpName = "DIR", Description = "The folder feed to write the SDK packages into, created if missing (default: sdk, the folder a scaffolded plugin's nuget.config names)",
            DefaultValueFactory = _ => "sdk",
        };
        var command = new Command("sdk", "Write the generator SDK packages (Mx.Generators, Mx.Templates) matching this mx into a folder feed that plugin projects restore from. Example: mx plugin sdk --output sdk")
        {
            output,
        };
        command.SetAction(int (parsed) =>
        {
            var directory = Path.Combine(context.WorkingDirectory, parsed.GetValue(output)!);
            var written = SdkFeed.OfThisMx().Export(directory);
            foreach (var file in written)
                context.Console.MarkupLineInterpolated($"  {Path.GetRelativePath(context.WorkingDirectory, file)}");
            context.Console.MarkupLineInterpolated(
                $"Wrote the mx generator SDK {SdkFeed.Version} to {Path.GetRelativePath(context.WorkingDirectory, directory)}. A plugin project restores Mx.* only from this folder (see its nuget.config); build it against MxSdkVersion {SdkFeed.Version}.");
            return 0;
        });
        return command;
    }

    private static PluginService Service(CommandContext context, bool interactive)
    {
        var canAsk = interactive && !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;
        return new PluginService(PluginCache.ForCurrentUser(), context.WorkingDirectory,
            source => canAsk && context.Console.Confirm(
                $"{source} is not a trusted plugin source of this project. A plugin runs code on every engineer's machine. Trust it?", defaultValue: false));
    }
}
