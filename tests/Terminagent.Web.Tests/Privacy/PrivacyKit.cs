using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Links;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Privacy;

/// <summary>Steps the privacy tests share: citizens with names and phones, the erasure by its pages, and a search for traces in every table.</summary>
internal static partial class PrivacyKit
{
    /// <summary>Wednesday 2 December 2026, 09:00 in Berlin, at the one office of <see cref="AgentKit.OneOffice"/>.</summary>
    public static readonly Instant Wednesday9 = AgentKit.AtBerlin(2026, 12, 2, 9);

    /// <summary>Friday 11 December 2026, 09:00.</summary>
    public static readonly Instant Friday9 = AgentKit.AtBerlin(2026, 12, 11, 9);

    public static async Task<(TestApp App, AgentKit Kit)> StartAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider, cityFile: TestApp.City(AgentKit.OneOffice));
        return (app, new AgentKit(app));
    }

    /// <summary>Holds and confirms an appointment with a name and phone; returns the booking and its manage link's secret.</summary>
    public static async Task<(Guid Id, string Manage)> BookAsync(AgentKit kit, Instant start, string name, string email, string? phone = null)
    {
        var held = await kit.App.BookingsAsync(b => b.HoldAsync(AgentKit.Service, AgentKit.Office, start, name, email, phone, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        await kit.CollectLinksAsync();
        var confirmed = await kit.App.BookingsAsync(b => b.ConfirmAsync(kit.Links[(LinkPurpose.ConfirmBooking, held.Booking!.Id)], default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        kit.Links[(LinkPurpose.ManageBooking, held.Booking!.Id)] = confirmed.ManageSecret!;
        return (held.Booking!.Id, confirmed.ManageSecret!);
    }

    /// <summary>Opens the confirmation page for its form and ticket, and presses "erase".</summary>
    public static async Task<HttpResponseMessage> EraseByPageAsync(HttpClient client, string secret)
    {
        var (form, ticket) = await ConfirmationFormAsync(client, secret);
        return await client.PostAsync($"/my-data/{secret}/erase", Forms.Form(form, ("ticket", ticket)));
    }

    public static async Task<(string FormToken, string Ticket)> ConfirmationFormAsync(HttpClient client, string secret)
    {
        var html = await client.GetStringAsync($"/my-data/{secret}/erase");
        return (Forms.TokenIn(html)!, TicketPattern().Match(html).Groups[1].Value);
    }

    /// <summary>
    /// Every text column of every table (staff accounts aside) searched for the markers,
    /// lower-cased: "table.column" of each hit. Reading the model, not a list, a new column is searched too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TracesAsync(TestApp app, params string[] markers)
    {
        await using var db = app.NewDb();
        var hits = new List<string>();
        foreach (var (table, column) in TextColumns(db).Where(c => !PersonalData.StaffTables.Contains(c.Table)))
        {
            foreach (var marker in markers)
            {
                // Table and column names come from the model, never from input.
#pragma warning disable EF1002
                var count = await db.Database
                    .SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE LOWER(\"{column}\") LIKE {{0}}", $"%{marker.ToLowerInvariant()}%")
                    .SingleAsync();
#pragma warning restore EF1002
                if (count > 0)
                {
                    hits.Add($"{table}.{column} ({marker})");
                }
            }
        }

        return hits;
    }

    public static IReadOnlyList<(string Table, string Column)> TextColumns(TerminagentDb db) =>
        db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .SelectMany(e => e.GetProperties()
                .Where(p => p.ClrType == typeof(string))
                .Select(p => (Table: e.GetTableName()!, Column: p.GetColumnName())))
            .Distinct()
            .ToList();

    [GeneratedRegex("name=\"ticket\" value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();
}
