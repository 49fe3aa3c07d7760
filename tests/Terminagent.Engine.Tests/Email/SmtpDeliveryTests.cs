using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Engine.Email;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Tests.Email;

/// <summary>The outbox sender against a real SMTP server (scripts/smtp_sink.py) and real databases.</summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly string folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "smtp-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> providers = [];

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [DatabaseData]
    public async Task OutboxRow_ArrivesOverSmtp_WithMessageIdAndCalendar_AndIsMarkedSent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        var row = await EnqueueAsync(database, "Ihr Termin am 25. Oktober – bestätigt", withCalendar: true);

        var sent = await NewSender(database, smtp.Port).SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(row.MessageId, mail.MessageId);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal("erika.mustermann@example.org", to.Address);
        Assert.Equal("Erika Mustermann", to.Name);
        Assert.Equal("termine@demostadt.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Ihr Termin am 25. Oktober – bestätigt", mail.Subject);
        Assert.Equal(row.CreatedAt.ToDateTimeOffset(), mail.Date);
        Assert.Contains("Grüße aus dem Bürgerbüro", mail.TextBody, StringComparison.Ordinal);

        var attachment = Assert.IsType<TextPart>(Assert.Single(mail.Attachments));
        Assert.Equal("termin.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal("PUBLISH", attachment.ContentType.Parameters["method"]);
        var appointment = Assert.Single(Ical.Net.Calendar.Load(attachment.Text)!.Events);
        Assert.Equal("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@terminagent", appointment.Uid);

        var stored = await LoadAsync(database, row.Id);
        Assert.Equal(Now, stored.SentAt);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseUntil);
    }

    [Theory]
    [DatabaseData]
    public async Task ArabicRow_ArrivesRightToLeft_WithContentLanguageAndAnHtmlAlternative(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        var row = await EnqueueAsync(database, "تم تأكيد الموعد: 25 أكتوبر 2026", withCalendar: true, language: "ar",
            body: "مرحبًا إيريكا،\n\n  رمز الحجز: K7M4-P2QX\n  الوقت:      10:00\n\nhttps://termine.demostadt.example/appointment/abc?lang=ar\n\nمكاتب خدمة المواطنين في Demostadt");

        Assert.Equal(1, await NewSender(database, smtp.Port).SendDueAsync(CancellationToken.None));

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal("ar", mail.Body?.Headers[HeaderId.ContentLanguage]);
        var mixed = Assert.IsType<Multipart>(mail.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("رمز الحجز: K7M4-P2QX", mail.TextBody, StringComparison.Ordinal);

        var html = mail.HtmlBody;
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("رمز الحجز: <bdi dir=\"ltr\">K7M4-P2QX</bdi><br>", html, StringComparison.Ordinal);
        Assert.Contains("<bdi dir=\"ltr\">10:00</bdi>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"https://termine.demostadt.example/appointment/abc?lang=ar\" dir=\"ltr\">https://termine.demostadt.example/appointment/abc?lang=ar</a>",
            html, StringComparison.Ordinal);
        Assert.Contains("مكاتب خدمة المواطنين في <bdi dir=\"ltr\">Demostadt</bdi>", html, StringComparison.Ordinal);
        Assert.Equal("termin.ics", Assert.IsType<TextPart>(Assert.Single(mail.Attachments)).FileName);
    }

    [Theory]
    [DatabaseData]
    public async Task GermanRow_KeepsItsPlainTextShape_AndSaysItsLanguage(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        await EnqueueAsync(database, "Bitte bestätigen: Termin am 25. Oktober", withCalendar: false);

        Assert.Equal(1, await NewSender(database, smtp.Port).SendDueAsync(CancellationToken.None));

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("de", mail.Body?.Headers[HeaderId.ContentLanguage]);
        var text = Assert.IsType<TextPart>(mail.Body);
        Assert.Equal("text/plain", text.ContentType.MimeType);
        Assert.Null(mail.HtmlBody);
        Assert.Contains("Grüße aus dem Bürgerbüro", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("de")]
    public void TheSameRow_BuildsTheSameBytes_OnEveryAttempt(string language)
    {
        var row = new OutboxMessage
        {
            Id = Guid.Parse("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"),
            MessageId = "0193a5b27c3d7e4f8a9b0c1d2e3f4a5b@terminagent",
            ToAddress = "erika.mustermann@example.org",
            ToName = "Erika Mustermann",
            Subject = "Termin",
            TextBody = "مرحبًا\nK7M4-P2QX https://termine.demostadt.example/a",
            AttachmentName = "termin.ics",
            AttachmentContentType = CalendarFile.ContentType,
            AttachmentContent = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            CheckInCode = "K7M4P2QX",
            Language = language,
            CreatedAt = Now,
        };
        var builder = new MessageBuilder(Options.Create(new MailOptions()));

        Assert.Equal(Bytes(builder.Build(row)), Bytes(builder.Build(row)));

        static byte[] Bytes(MimeMessage message)
        {
            using var stream = new MemoryStream();
            message.WriteTo(stream);
            return stream.ToArray();
        }
    }

    [Theory]
    [DatabaseData]
    public async Task SmtpDown_RowWaitsForItsRetry_ThenArrivesExactlyOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var port = SmtpSink.FreePort();
        var row = await EnqueueAsync(database, "Terminbestätigung", withCalendar: false);
        var sender = NewSender(database, port);

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var failed = await LoadAsync(database, row.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(Now + Duration.FromSeconds(10), failed.NextAttemptAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.Null(failed.LeaseOwner);
        Assert.Null(failed.LeaseUntil);

        await using var smtp = await SmtpSink.StartAsync(folder, port);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Empty(smtp.Messages());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(row.MessageId, Assert.Single(smtp.Messages()).MessageId);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Single(smtp.Messages());
        var sent = await LoadAsync(database, row.Id);
        Assert.Equal(Now - Duration.FromHours(1), sent.SentAt);
        Assert.Equal(1, sent.Attempts);
    }

    [Theory]
    [DatabaseData]
    public async Task TwoSenders_Racing_SendEveryRowExactlyOnce(DatabaseProvider provider)
    {
        const int rows = 60;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        var messageIds = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            messageIds.Add((await EnqueueAsync(database, $"Nachricht {i}", withCalendar: i % 2 == 0)).MessageId);
        }

        var first = NewSender(database, smtp.Port);
        var second = NewSender(database, smtp.Port);
        Assert.NotEqual(first.InstanceId, second.InstanceId);

        var counts = await Task.WhenAll(
            Task.Run(() => first.SendDueAsync(CancellationToken.None)),
            Task.Run(() => second.SendDueAsync(CancellationToken.None)));

        Assert.Equal(rows, counts.Sum());
        var received = smtp.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(rows, received.Count);
        Assert.Equal(messageIds.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        await using var db = database.NewContext();
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt == null));
        Assert.Equal(0, await first.SendDueAsync(CancellationToken.None) + await second.SendDueAsync(CancellationToken.None));
    }

    [Theory]
    [DatabaseData]
    public async Task SmtpDown_WithSeveralDueRows_OnlyTheFirstWaitsForItsRetry_TheOthersAreGivenBackAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var port = SmtpSink.FreePort();
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(await EnqueueAsync(database, $"Nachricht {i}", withCalendar: false));
        }

        var sender = NewSender(database, port);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var stored = new List<OutboxMessage>();
        foreach (var row in rows)
        {
            stored.Add(await LoadAsync(database, row.Id));
        }

        Assert.Equal([1, 0, 0], stored.Select(r => r.Attempts));
        Assert.All(stored, r => Assert.Equal((null, null, null), (r.SentAt, r.LeaseOwner, r.LeaseUntil)));
        Assert.All(stored.Skip(1), r => Assert.True(r.NextAttemptAt <= Now));

        // The relay is back before the first row's retry: the others go out at once.
        await using var smtp = await SmtpSink.StartAsync(folder, port);
        Assert.Equal(2, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(
            rows.Skip(1).Select(r => r.MessageId).Order(StringComparer.Ordinal),
            smtp.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task SlowRelay_EveryRowLeavesWithAtLeastHalfItsLeaseLeft_AndExactlyOnce(DatabaseProvider provider)
    {
        const int count = 5;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        for (var i = 0; i < count; i++)
        {
            await EnqueueAsync(database, $"Nachricht {i}", withCalendar: false);
        }

        // Each message takes the relay 40 s of the 2-minute lease.
        var leaseLeftAtSend = new List<Duration>();
        var relay = new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, TimeoutSeconds = 10 });
        var slow = new RecordingTransport(async (message, accepted, ct) =>
        {
            await using (var db = database.NewContext())
            {
                var leaseUntil = await db.OutboxMessages.Where(m => m.MessageId == message.MessageId).Select(m => m.LeaseUntil).SingleAsync(ct);
                leaseLeftAtSend.Add(leaseUntil!.Value - Now);
            }

            time.Advance(TimeSpan.FromSeconds(40));
            await relay.SendAsync(message, accepted, ct);
        });

        var sent = await NewSender(database, slow).SendDueAsync(CancellationToken.None);

        Assert.Equal(count, sent);
        Assert.Equal(count, smtp.Messages().Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(count, smtp.Messages().Count);
        Assert.All(leaseLeftAtSend, left => Assert.True(left >= OutboxSender.LeaseDuration / 2, $"sent with {left} of its lease left"));
    }

    [Theory]
    [DatabaseData]
    public async Task RowLeasedByACrashedInstance_IsSentOnceTheLeaseRunsOut(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpSink.StartAsync(folder);
        var row = await EnqueueAsync(database, "Terminbestätigung", withCalendar: false);
        await using (var db = database.NewContext())
        {
            await db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, "crashed-instance")
                .SetProperty(m => m.LeaseUntil, Now + OutboxSender.LeaseDuration));
        }

        var sender = NewSender(database, smtp.Port);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        time.Advance(OutboxSender.LeaseDuration.ToTimeSpan() + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(row.MessageId, Assert.Single(smtp.Messages()).MessageId);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(1000, 600)]
    public void RetryDelay_DoublesFromTenSeconds_UpToTenMinutes(int attempts, int seconds) =>
        Assert.Equal(Duration.FromSeconds(seconds), OutboxSender.RetryDelay(attempts));

    private OutboxSender NewSender(TestDatabase database, int port) =>
        NewSender(database, new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, TimeoutSeconds = 10 }));

    private OutboxSender NewSender(TestDatabase database, IMailTransport transport)
    {
        var services = new ServiceCollection();
        services.AddDbContext<TerminagentDb>(o => o.UseTerminagentDatabase(database.Provider, database.ConnectionString));
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        var options = Options.Create(new MailOptions { Transport = MailTransportKind.Smtp });
        return new OutboxSender(
            provider.GetRequiredService<IServiceScopeFactory>(),
            transport,
            new MessageBuilder(options),
            new Clock(time),
            NullLogger<OutboxSender>.Instance);
    }

    private async Task<OutboxMessage> EnqueueAsync(TestDatabase database, string subject, bool withCalendar, string language = "de", string? body = null)
    {
        var start = new LocalDateTime(2026, 10, 25, 10, 0).InZoneStrictly(Berlin).ToInstant();
        var calendar = withCalendar
            ? new EmailAttachment(
                "termin.ics",
                CalendarFile.ContentType,
                CalendarFile.ForAppointment(
                    Guid.Parse("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"), 0, "Personalausweis", "Bürgerbüro Mitte", "K7M4-P2QX",
                    start, start + Duration.FromMinutes(30), Berlin, cancelled: false, Now))
            : null;
        var draft = new EmailDraft(
            "erika.mustermann@example.org", "Erika Mustermann", subject,
            body ?? "Guten Tag Frau Mustermann,\n\nIhr Termin: https://termine.demostadt.example/termin/abc\n\nGrüße aus dem Bürgerbüro", calendar)
        {
            Language = language,
        };
        await using var db = database.NewContext();
        var row = Outbox.Enqueue(db, draft, Now);
        await db.SaveChangesAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        return row!;
    }

    private static async Task<OutboxMessage> LoadAsync(TestDatabase database, Guid id)
    {
        await using var db = database.NewContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private sealed class RecordingTransport(Func<MimeMessage, Func<Task>, CancellationToken, Task> send) : IMailTransport
    {
        public Task SendAsync(MimeMessage message, Func<Task> accepted, CancellationToken ct) => send(message, accepted, ct);
    }
}
