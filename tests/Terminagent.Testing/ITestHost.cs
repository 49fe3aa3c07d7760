using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Bookings;

namespace Terminagent.Testing;

/// <summary>
/// The engine running for one test on a fresh database and a fake clock, with its workers off: the
/// whole web app (Web.Tests' TestApp) or the engine alone (Engine.Tests' TestEngine). The kits
/// drive either through this.
/// </summary>
public interface ITestHost : IAsyncDisposable
{
    IServiceProvider Services { get; }

    FakeTimeProvider Time { get; }

    TestDatabase Database { get; }

    /// <summary>Where the folder transport writes each email as an .eml file.</summary>
    string MailFolder { get; }

    Instant Now { get; }

    void Advance(Duration duration);

    TerminagentDb NewDb();

    /// <summary>Runs <paramref name="action"/> in a scope of its own, as a request or a round does.</summary>
    Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action);

    Task<BookingResult> BookingsAsync(Func<BookingService, Task<BookingResult>> action);

    /// <summary>Runs the outbox sender once, as its worker would, and returns the messages now in the folder.</summary>
    Task<IReadOnlyList<MimeMessage>> DeliverMailAsync();

    IReadOnlyList<MimeMessage> Mails();
}
