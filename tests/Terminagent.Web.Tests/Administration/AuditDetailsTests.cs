using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infoline;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Administration;

/// <summary>The audit log's details read as words: labels in the staff member's language, names for ids, the stored id beside them.</summary>
public sealed class AuditDetailsTests
{
    private const string Office = "hauptbahnhof";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Details_ShowLabelsAndNames_NotTheStoredKeys(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var city = app.Services.GetRequiredService<City>();
        var agent = await InfolineKit.SignInAsync(app);
        var booking = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 2), "Karl Anrufer", phone: "0211 123456");
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        const string ManagerEmail = "greta.leitung@staff.demostadt.example";
        using (var created = await Forms.PostAsync(admin, "/staff/accounts/new", null,
            ("displayName", "Greta Leitung"), ("email", ManagerEmail), ("role", nameof(StaffRole.OfficeManager)), ("office", "bilk")))
        {
            Assert.True(created.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        }

        var page = $"/staff/administration/offices/{Office}/closed-days";
        var form = await admin.GetStringAsync(page);
        var basedOn = AdminPages.FieldsIn(form, n => n == "BasedOn").First().Value;
        using (var saved = await admin.PostAsync($"{page}?handler=add", Forms.Form(Forms.TokenIn(form)!, ("BasedOn", basedOn), ("day", "2027-03-10"), ("confirmed", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var german = AdminPages.Decoded(await admin.GetStringAsync("/staff/administration/audit"));
        var english = AdminPages.Decoded(await admin.GetStringAsync("/staff/administration/audit?lang=en"));

        var service = city.FindService(booking.ServiceId)!;
        foreach (var (html, lang, labels) in new[]
        {
            (german, "de", new[] { "<dt>Buchungscode</dt>", "<dt>Dienstleistung</dt>", "<dt>Beginn</dt>", "<dt>Konto</dt>", "<dt>Rolle</dt>", "<dt>Standorte</dt>", "Schließtag", "Standortleitung", "eingetragen" }),
            (english, "en", new[] { "<dt>Booking code</dt>", "<dt>Service</dt>", "<dt>Start</dt>", "<dt>Account</dt>", "<dt>Role</dt>", "<dt>Offices</dt>", "Closed day", "Office manager" }),
        })
        {
            Assert.All(labels, label => Assert.Contains(label, html, StringComparison.Ordinal));
            Assert.Contains(booking.Code, html, StringComparison.Ordinal);
            Assert.Contains(service.NameIn(lang), html, StringComparison.Ordinal);
            Assert.Contains(city.FindOffice("bilk")!.Name, html, StringComparison.Ordinal);
            Assert.Contains($"{city.FindOffice(Office)!.Name} · ", html, StringComparison.Ordinal);
            Assert.Contains("<dd>Greta Leitung", html, StringComparison.Ordinal);

            // The stored keys are gone; the stored ids stay beside their names.
            foreach (var raw in new[] { "Code:", "Service:", "Start:", "Account:", "Role:", "Offices:", "Offices[hauptbahnhof]", "ClosedDays", ">OfficeManager<", $"Account: {ManagerEmail}" })
            {
                Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
            }

            Assert.Contains($"<small class=\"stored\">{booking.ServiceId}</small>", html, StringComparison.Ordinal);
            Assert.Contains($"<small class=\"stored\">{ManagerEmail}</small>", html, StringComparison.Ordinal);
        }
    }
}
