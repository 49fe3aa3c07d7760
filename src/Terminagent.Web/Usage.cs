using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Terminagent.Web.Features.Backups;

namespace Terminagent.Web;

/// <summary>
/// What <c>--help</c> (<c>-h</c>, <c>-?</c>) prints, before the app is built, so it works whatever
/// the configuration: the commands of <see cref="StaffCommands"/> with their arguments, described
/// with System.CommandLine, then the main settings and where the README explains them.
/// System.CommandLine only describes and recognises help here: the commands stay dispatched by
/// <see cref="StaffCommands"/>, because settings on the command line (<c>--Key=value</c>,
/// <c>--Key value</c>) belong to the host's configuration, and System.CommandLine would take an
/// unknown <c>--Key=value</c> for a command's argument (an administrator's name, a backup file).
/// </summary>
public static class Usage
{
    public const string Settings = """

        Settings: every configuration key, on the command line as --Key=value (after the command, if any),
        or as an environment variable with __ for : (Database__Provider=Postgres). The main ones:
          --urls=http://0.0.0.0:8080             where the app listens (default http://localhost:5000)
          --Database:Provider=Postgres           Sqlite (default) or Postgres
          --Database:ConnectionString=...        default: Data Source=data/terminagent.db
          --CityFile=/etc/terminagent/city.json  the city's offices, opening hours and services
          --App:PublicBaseUrl=https://...        the address every link in an email starts with
          --Mail:Transport=Smtp                  Folder (default, for trying it out) or Smtp, with --Mail:Smtp:Host=...
          --Workers:Enabled=false                no background rounds (releases, offers, email)
          --Clock:StartAt=...                    demonstrations only: start the app's clock at this moment
                                                 (2026-12-01T09:30:00+01:00, or "next-opening-day 09:30")

        README.md explains them: "Configuration" (every setting), "Backups" (backup, restore, pg_dump),
        "Running several instances" (production), "The office day" (create-admin).
        From the source: dotnet run --project src/Terminagent.Web -- <command> [settings]
        A published app: dotnet Terminagent.Web.dll <command> [settings]
        Exit codes: 0 done, 1 refused or failed, 2 wrong arguments, 78 the configuration is not valid.
        """;

    /// <summary>Prints the usage (or the version) when <paramref name="args"/> ask for it; null when they do not.</summary>
    public static int? ShowIfAsked(string[] args, TextWriter output)
    {
        var parsed = Describe().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is not UsageAction && !(args is ["--version"] && parsed.Action is not null))
        {
            return null;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    /// <summary>The app and its commands as System.CommandLine describes them.</summary>
    public static RootCommand Describe()
    {
        var root = new RootCommand("Terminagent: appointments for a city's citizen offices. Without a command it starts the web app.");
        root.Subcommands.Add(Command(
            "create-admin",
            "Creates the first administrator and prints a generated password once.",
            new Argument<string>("email") { Description = "The administrator's email address, to sign in with." },
            new Argument<string>("name") { Description = "The name shown in the staff area (default \"Administration\").", Arity = ArgumentArity.ZeroOrOne }));
        root.Subcommands.Add(Command(
            "affected-bookings",
            "Lists the bookings for which the schedule no longer has room, after a change of opening hours or closed days."));
        root.Subcommands.Add(Command(
            "routes",
            "Lists every route the app maps.",
            new Option<bool>("--json") { Description = "As JSON, with the fields each route reads." }));
        root.Subcommands.Add(Command(
            "backup",
            "Copies the SQLite database while the app runs. On PostgreSQL it says how to use pg_dump.",
            new Argument<string>("file") { Description = "The backup to write; never overwritten." }));
        root.Subcommands.Add(Command(
            "restore",
            "Puts a backup in place of the SQLite database. Stop the app first.",
            new Argument<string>("file") { Description = "The backup to restore." },
            new Option<bool>(BackupCommands.ForceFlag) { Description = "Replace a database that exists." }));

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new UsageAction((HelpAction)help.Action!);
        }

        return root;
    }

    private static Command Command(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        return command;
    }

    /// <summary>System.CommandLine's help, followed by the settings, which are the host's and not its options.</summary>
    private sealed class UsageAction(HelpAction help) : SynchronousCommandLineAction
    {
        /// <summary>Help is shown whatever else the line holds: settings are no errors here.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(Settings);
            return 0;
        }
    }
}
