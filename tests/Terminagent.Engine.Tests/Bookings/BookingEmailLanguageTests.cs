using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Tests.Infrastructure;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Tests.Bookings;

/// <summary>A booking made in Turkish or Arabic is told about in that language: subjects, bodies, dates and links.</summary>
public sealed class BookingEmailLanguageTests
{
    [Theory]
    [DatabaseData]
    public async Task HoldAndConfirmation_ComeInTheLanguageTheCitizenBookedIn(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var times = await Scenario.FreeTimesAsync(app);

        var turkish = await HoldAndConfirmAsync(app, times[0].Start, "tr", "Lütfen onaylayın: ", "Randevu onaylandı: ");
        Assert.Contains("Merhaba Erika Mustermann,", turkish.Hold.TextBody, StringComparison.Ordinal);
        Assert.Contains("Lütfen randevuyu en geç ", turkish.Hold.TextBody, StringComparison.Ordinal);
        Assert.Contains("  Randevu kodu: ", turkish.Hold.TextBody, StringComparison.Ordinal);
        Assert.Contains("Randevunuz kesinleşti:", turkish.Confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("gerekli belgeleri", turkish.Confirmation.TextBody, StringComparison.Ordinal);
        Assert.Null(turkish.Hold.HtmlBody);

        var arabic = await HoldAndConfirmAsync(app, times[1].Start, "ar", "يرجى التأكيد: موعد بتاريخ ", "تم تأكيد الموعد: ");
        Assert.Contains("مرحبًا Erika Mustermann،", arabic.Hold.TextBody, StringComparison.Ordinal);
        Assert.Contains("  رمز الحجز: ", arabic.Hold.TextBody, StringComparison.Ordinal);
        Assert.Contains("تم حجز موعدكم بشكل نهائي:", arabic.Confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", arabic.Hold.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", arabic.Confirmation.HtmlBody, StringComparison.Ordinal);
    }

    private static async Task<(MimeMessage Hold, MimeMessage Confirmation)> HoldAndConfirmAsync(
        TestEngine app, Instant start, string language, string holdSubject, string confirmedSubject)
    {
        var seen = new HashSet<string>();
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, start, "Erika Mustermann", $"erika.{language}@example.org", null, language, null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var hold = Assert.Single(await NewMailAsync(app, language, seen));
        var confirmToken = Scenario.TokenIn(hold, "http://localhost/confirm/");
        Assert.Contains($"http://localhost/confirm/{confirmToken}?lang={language}", hold.TextBody, StringComparison.Ordinal);

        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(confirmToken, default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        var confirmation = Assert.Single(await NewMailAsync(app, language, seen), m => m.Subject != hold.Subject);
        Assert.Contains($"http://localhost/appointment/{confirmed.ManageSecret}?lang={language}", confirmation.TextBody, StringComparison.Ordinal);

        // Dates name the month and weekday in the citizen's language (the civil calendar's months in Arabic too).
        var culture = Languages.CultureOf(language);
        var local = start.InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date;
        var month = culture.DateTimeFormat.GetMonthName(local.Month);
        var weekday = culture.DateTimeFormat.GetDayName((DayOfWeek)((int)local.DayOfWeek % 7));
        Assert.NotEqual(month, Languages.CultureOf("de").DateTimeFormat.GetMonthName(local.Month));
        foreach (var (mail, subject) in new[] { (hold, holdSubject), (confirmation, confirmedSubject) })
        {
            Assert.StartsWith(subject, mail.Subject, StringComparison.Ordinal);
            Assert.Contains(month, mail.Subject, StringComparison.Ordinal);
            Assert.Contains(weekday, mail.TextBody, StringComparison.Ordinal);
            Assert.Equal(language, mail.Body?.Headers[HeaderId.ContentLanguage]);
            Assert.DoesNotContain("Guten Tag", mail.TextBody, StringComparison.Ordinal);
        }

        return (hold, confirmation);
    }

    /// <summary>The emails to the citizen who booked in <paramref name="language"/> that have not been looked at yet.</summary>
    private static async Task<IReadOnlyList<MimeMessage>> NewMailAsync(TestEngine app, string language, HashSet<string> seen) =>
        (await app.DeliverMailAsync())
            .Where(m => m.To.Mailboxes.Single().Address == $"erika.{language}@example.org" && seen.Add(m.MessageId ?? ""))
            .ToList();
}
