using System.CommandLine;
using Spectre.Console;
using Terminagent.Trust.Infrastructure;
using Terminagent.Trust.Sections;

namespace Terminagent.Trust;

/// <summary>
/// Prints the figures of "trust: abuse, faults, bad input" (scripts/figures.sh runs it): each
/// section starts what it needs, measures, and adds a row; the summary says what was lost.
/// Exits 1 when anything was lost or an invariant broke.
/// </summary>
public static class TrustProgram
{
    public static async Task<int> Main(string[] args)
    {
        var postgres = new Option<string>("--postgres")
        {
            Description = "PostgreSQL server connection string (Host=…;Port=…;Username=…); scratch databases are created and dropped.",
            Required = true,
        };
        var app = new Option<string?>("--app")
        {
            Description = $"Folder with the built Terminagent.Web.dll (default: {AppProcess.FolderVariable}, else src/Terminagent.Web/bin/Release/net10.0 of the repository).",
        };
        var work = new Option<string?>("--work") { Description = "Scratch folder for mail and logs (default: a new temporary folder)." };
        var kills = new Option<int>("--kills") { Description = "How often the app is killed under load.", DefaultValueFactory = _ => 3 };
        var smtpDown = new Option<int>("--smtp-down-seconds") { Description = "How long the mail server is down.", DefaultValueFactory = _ => 60 };
        var dbDown = new Option<int>("--db-down-seconds") { Description = "How long the database is cut off.", DefaultValueFactory = _ => 10 };
        var people = new Option<int>("--people") { Description = "People (one address each) booking while the bot polls.", DefaultValueFactory = _ => 200 };
        var botReads = new Option<int>("--bot-reads") { Description = "Requests the bot polls free times with.", DefaultValueFactory = _ => 2000 };
        var hostile = new Option<int>("--hostile-requests") { Description = "Hostile requests sent to every route.", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the hostile requests.", DefaultValueFactory = _ => 20261125 };
        var only = new Option<string[]>("--only") { Description = "Run only the sections whose names contain one of these words, spaces and signs aside (e.g. --only bad-input limits)." };
        var root = new RootCommand("Figures: load held under limits, faults survived, bad input tried, and what was lost (which must be nothing).")
        {
            postgres, app, work, kills, smtpDown, dbDown, people, botReads, hostile, seed, only,
        };
        root.SetAction(async (parse, ct) =>
        {
            string appFolder;
            try
            {
                appFolder = AppProcess.Folder(parse.GetValue(app));
            }
            catch (FileNotFoundException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            var folder = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "terminagent-trust-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var context = new TrustContext(parse.GetValue(postgres)!, folder, appFolder);

            ITrustSection[] sections =
            [
                new LimitsUnderLoadSection(parse.GetValue(people), parse.GetValue(botReads)),
                new BadInputSection(parse.GetValue(hostile), parse.GetValue(seed)),
                new SmtpOutageSection(parse.GetValue(smtpDown)),
                new KillUnderLoadSection(parse.GetValue(kills)),
                new DatabaseOutageSection(parse.GetValue(dbDown)),
            ];
            var chosen = parse.GetValue(only) is { Length: > 0 } words
                ? sections.Where(s => words.Any(w => Letters(s.Name).Contains(Letters(w), StringComparison.OrdinalIgnoreCase))).ToArray()
                : sections;
            if (chosen.Length == 0)
            {
                await Console.Error.WriteLineAsync($"--only matches no section; the sections are: {string.Join(", ", sections.Select(s => s.Name))}.");
                return 2;
            }

            var results = await RunAsync(chosen, context, ct);
            Print(results);
            return results.All(r => r.Passed) ? 0 : 1;
        });
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<List<SectionResult>> RunAsync(IReadOnlyList<ITrustSection> sections, TrustContext context, CancellationToken ct)
    {
        var results = new List<SectionResult>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var section in sections)
                {
                    var task = progress.AddTask(Markup.Escape(section.Name));
                    try
                    {
                        results.Add(await section.RunAsync(context, text => task.Description = Markup.Escape($"{section.Name}: {text}"), ct));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        results.Add(SectionResult.Failed(section.Name, ex));
                    }

                    task.Description = Markup.Escape($"{section.Name}: {(results[^1].Passed ? "done" : "FAILED")}");
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        return results;
    }

    private static void Print(IReadOnlyList<SectionResult> results)
    {
        foreach (var result in results)
        {
            var table = new Table().Title(Markup.Escape(result.Section)).AddColumn("figure").AddColumn("value");
            foreach (var figure in result.Figures)
            {
                table.AddRow(Markup.Escape(figure.Label), Markup.Escape(figure.Value));
            }

            foreach (var rule in result.Broken.Take(10))
            {
                table.AddRow("[red]broken[/]", Markup.Escape(rule));
            }

            AnsiConsole.Write(table);
        }

        var summary = new Table().Title("Summary").AddColumn("section").AddColumn("lost").AddColumn("duplicated").AddColumn("invariants broken").AddColumn("result");
        foreach (var r in results)
        {
            summary.AddRow(Markup.Escape(r.Section), N(r.Lost), N(r.Duplicated), N(r.Broken.Count), r.Passed ? "[green]ok[/]" : "[red]FAILED[/]");
        }

        AnsiConsole.Write(summary);
        var lost = results.Sum(r => r.Lost);
        var broken = results.Sum(r => r.Broken.Count);
        AnsiConsole.MarkupLine($"lost: {N(lost)}, duplicated (same Message-Id): {N(results.Sum(r => r.Duplicated))}, invariants broken: {N(broken)}");
    }

    /// <summary>A name without spaces and signs, so "bad-input" and "bad input" both pick "Bad input tried".</summary>
    private static string Letters(string name) => string.Concat(name.Where(char.IsLetterOrDigit));

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
