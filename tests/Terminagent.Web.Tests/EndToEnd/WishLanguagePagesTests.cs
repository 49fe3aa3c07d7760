using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Texts;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A citizen who reads Turkish or Arabic leaves a wish, confirms it and accepts an offer, in
/// headless Chromium with JavaScript off: the pages speak the language (Arabic right to left),
/// and every email is in it and links back to pages in it.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class WishLanguagePagesTests(ChromiumFixture chromium)
{
    private const string Anna = "anna@example.org";

    public static TheoryData<DatabaseProvider, string> Cases() => new()
    {
        { DatabaseProvider.Sqlite, "tr" },
        { DatabaseProvider.Sqlite, "ar" },
        { DatabaseProvider.Postgres, "tr" },
        { DatabaseProvider.Postgres, "ar" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LeaveWishConfirmAndAcceptAnOffer_InTheCitizensLanguage(DatabaseProvider provider, string language)
    {
        var texts = Texts.Of(language);
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var mail = new Mailbox(app, app.Url("/").TrimEnd('/'));
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        await using var citizen = await chromium.NewSessionAsync($"wish-{language}-{provider}", javaScript: false);
        var page = citizen.Page;

        await page.GotoAsync(app.Url($"/wish?service=personalausweis&office=hauptbahnhof&lang={language}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        if (language == "ar")
        {
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(texts.WishTitle);
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = TimeFormat.DayName(day, language), Exact = true }).CheckAsync();
        }

        await page.GetByLabel(texts.From).SelectOptionAsync("08:00");
        await page.GetByLabel(texts.To).SelectOptionAsync("18:00");
        await page.GetByLabel(texts.Name).FillAsync("Anna Beispiel");
        await page.GetByLabel(texts.Email).FillAsync(Anna);
        await citizen.ShotAsync($"wish-form-{language}");

        app.Advance(Duration.FromSeconds(15));
        await page.GetByRole(AriaRole.Button, new() { Name = texts.Submit }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(texts.Sent);
        await using (var db = app.NewDb())
        {
            Assert.Equal(language, (await db.Wishes.AsNoTracking().SingleAsync()).Language);
        }

        var request = await mail.SingleNewAsync(Anna);
        Assert.StartsWith(texts.ConfirmSubject, request.Subject, StringComparison.Ordinal);
        await WishPagesTests.OpenFromMailboxAsync(page, app, request.Subject, "/wish/confirm/");
        await Expect(page).ToHaveURLAsync(new Regex($"/wish/confirm/[^/?]+\\?lang={language}$"));
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("08:00–18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = texts.Confirm }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/wish/[^/?]+\\?.*lang={language}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(texts.ManageTitle);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(texts.Confirmed);
        Assert.StartsWith(texts.ConfirmedSubject, (await mail.SingleNewAsync(Anna)).Subject, StringComparison.Ordinal);

        var cancelled = await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        Assert.True(cancelled.Succeeded, cancelled.Failure?.ToString());
        var offerMail = await mail.SingleNewAsync(Anna);
        Assert.StartsWith(texts.OfferSubject, offerMail.Subject, StringComparison.Ordinal);
        Assert.Contains($"?lang={language}", mail.LinkIn(offerMail, "/offer/"), StringComparison.Ordinal);

        await WishPagesTests.OpenFromMailboxAsync(page, app, offerMail.Subject, "/offer/");
        await Expect(page).ToHaveURLAsync(new Regex($"/offer/[^/?]+\\?lang={language}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(texts.OfferTitle);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Bürgerbüro Hauptbahnhof");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(texts.AnswerBy);
        await citizen.ShotAsync($"offer-page-{language}");
        await page.GetByRole(AriaRole.Button, new() { Name = texts.Accept }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/appointment/[^/?]+\\?.*lang={language}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Bürgerbüro Hauptbahnhof");
        await citizen.ShotAsync($"appointment-from-offer-{language}");

        await using (var db = app.NewDb())
        {
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Email == Anna);
            Assert.Equal(BookingStatus.Confirmed, booking.Status);
            Assert.Equal(language, booking.Language);
            Assert.Equal(WishStatus.Fulfilled, (await db.Wishes.AsNoTracking().SingleAsync()).Status);
        }

        var confirmation = await mail.SingleNewAsync(Anna);
        Assert.StartsWith(texts.BookedSubject, confirmation.Subject, StringComparison.Ordinal);
        Assert.Contains($"?lang={language}", mail.LinkIn(confirmation, "/appointment/"), StringComparison.Ordinal);
        Assert.Equal(language, confirmation.Body?.Headers[MimeKit.HeaderId.ContentLanguage]);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>What the citizen reads, written out here rather than read from the resources under test.</summary>
    private sealed record Texts(
        string WishTitle, string From, string To, string Name, string Email, string Submit, string Sent, string ConfirmSubject, string Confirm,
        string ManageTitle, string Confirmed, string ConfirmedSubject, string OfferSubject, string OfferTitle, string AnswerBy, string Accept, string BookedSubject)
    {
        public static Texts Of(string language) => language switch
        {
            "tr" => new(
                "Randevu talebi bırakın", "Başlangıç (1. aralık)", "Bitiş (1. aralık)", "Ad ve soyad", "E-posta adresi", "Randevu talebini bırak",
                "Size bir e-posta gönderdik", "Lütfen onaylayın: randevu talebi ", "Randevu talebini onayla",
                "Randevu talebiniz", "Randevu talebiniz onaylandı ve sırada", "Randevu talebi onaylandı: ", "Randevu teklifi: ",
                "Randevu teklifiniz", "Son yanıt tarihi", "Randevuyu kabul et", "Randevu onaylandı: "),
            "ar" => new(
                "تقديم طلب موعد", "من (الفترة 1)", "إلى (الفترة 1)", "الاسم الأول واسم العائلة", "عنوان البريد الإلكتروني", "تقديم طلب الموعد",
                "أرسلنا إليكم رسالة بريد إلكتروني", "يرجى التأكيد: طلب موعد ", "تأكيد طلب الموعد",
                "طلب الموعد الخاص بكم", "تم تأكيد طلب الموعد الخاص بكم", "تم تأكيد طلب الموعد: ", "عرض موعد: ",
                "عرض الموعد الخاص بكم", "الرد قبل", "قبول الموعد", "تم تأكيد الموعد: "),
            _ => throw new ArgumentOutOfRangeException(nameof(language)),
        };
    }
}
