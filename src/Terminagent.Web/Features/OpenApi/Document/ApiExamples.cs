using System.Text.Json;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Features.Offices;
using Terminagent.Web.Features.Statistics;

namespace Terminagent.Web.Features.OpenApi.Document;

/// <summary>
/// One example per body type, written as the types themselves so that they change with them: the
/// document shows it for every request and response of that type (a list shows one element).
/// </summary>
public static class ApiExamples
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, Winter);
    private static readonly Guid BookingId = Guid.Parse("0b5e6c1e-3f57-4f7e-9d0c-6c2f4a1d2e01");
    private static readonly Guid WishId = Guid.Parse("7a4f0d2b-1c8e-4b3a-a6e2-5d9c3b1f0a02");
    private static readonly Guid OfferId = Guid.Parse("c3d2e1f0-9a8b-4c7d-8e6f-5a4b3c2d1e03");
    public const string Challenge = "CfDJ8Nx3Yk2vQ0pLr7sT5uW9zA1bC4dE6fG8hJ0kM2nP4qR6sT8uV0wX2yZ4";

    private const string Token = "q3kY5pZ0vW8rT2nL6mX9bC1dF4gH7jK0sA5eR8uI2oP";

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(OfficeDto)] = new OfficeDto("hauptbahnhof", "Bürgerbüro Hauptbahnhof", "Konrad-Adenauer-Platz 1, 40210 Demostadt", "Europe/Berlin", true),
        [typeof(ServiceDto)] = new ServiceDto("personalausweis", "Personalausweis beantragen", "Apply for an identity card", 30, ["hauptbahnhof", "bilk"]),
        [typeof(FreeTimesDto)] = new FreeTimesDto("personalausweis", [FreeTime(0), FreeTime(1)], [new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2)]),
        [typeof(ChallengeDto)] = new ChallengeDto(
            Challenge, "booking", 18, Start.AddDays(-1).AddMinutes(10), "SHA-256, leading zero bits"),
        [typeof(CreateBookingRequest)] = new CreateBookingRequest("personalausweis", "hauptbahnhof", Start, "Erika Mustermann", "erika@example.org", "0211 123456", "de"),
        [typeof(TokenRequest)] = new TokenRequest(Token),
        [typeof(RescheduleRequest)] = new RescheduleRequest(Token, "bilk", Start.AddDays(1).AddHours(2)),
        [typeof(BookingDto)] = Booking("confirmed"),
        [typeof(BookingChangedDto)] = new BookingChangedDto(Booking("confirmed"), false, Token),
        [typeof(CreateWishRequest)] = new CreateWishRequest(
            "personalausweis", ["hauptbahnhof", "bilk"], [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement("tuesday")],
            [new TimeWindowDto("08:00", "12:00")], "2026-12-01", "2027-01-31", "Anna Beispiel", "anna@example.org", null, "en"),
        [typeof(UpdateWishRequest)] = new UpdateWishRequest(
            Token, ["hauptbahnhof", "bilk", "altstadt"], [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement(3)],
            [new TimeWindowDto("08:00", "12:00"), new TimeWindowDto("14:00", "18:00")], null, "2027-01-31"),
        [typeof(DeclineOfferRequest)] = new DeclineOfferRequest(Token, true),
        [typeof(WishCreatedDto)] = new WishCreatedDto(WishId, "unconfirmed", false),
        [typeof(WishDto)] = Wish(),
        [typeof(WishChangedDto)] = new WishChangedDto(Wish(), false, false, Token),
        [typeof(OfferDto)] = Offer("open", null),
        [typeof(OfferChangedDto)] = new OfferChangedDto(Offer("accepted", BookingId), false, BookingId, Token),
        [typeof(AgentCountsDto)] = new AgentCountsDto(Start.AddDays(-30), Start, 120, 35, 96, 71, 14, 9, 2, 0.24, 31.5),
        [typeof(OfficeDayCountsDto)] = new OfficeDayCountsDto(Start.AddDays(-30), Start, "hauptbahnhof", 1840, 1612, 228, 1702, 138, 0.075, 2210, 3790, 121, 12.5, 58),
        [typeof(CitizenDataExport)] = new CitizenDataExport(
            "erika@example.org", Start.AddDays(-2),
            [new BookingData(
                "K7M4QX", "personalausweis", "Apply for an identity card", "hauptbahnhof", "Bürgerbüro Hauptbahnhof", Start, Start.AddMinutes(30),
                "confirmed", "Erika Mustermann", "erika@example.org", null, "online", "de", Start.AddDays(-3), Start.AddDays(-3).AddMinutes(4), null)],
            [], [],
            [new EmailData("Bitte bestätigen Sie Ihren Termin", Start.AddDays(-3), Start.AddDays(-3).AddSeconds(5))],
            []),
        [typeof(ErasureResult)] = new ErasureResult(1, 0, 0, 2, 0, 3, 4),
        [typeof(VisitDto)] = Visit(),
        [typeof(QueueDto)] = new QueueDto(
            "hauptbahnhof", "2026-12-01", 6, [Visit()], [], [], [new ExpectedDto(BookingId, "K7M4QX", "personalausweis", Start.AddHours(1))],
            new FiguresDto(1, 14, 1, 0, 15, 9.5, 24)),
    };

    /// <summary>The example for a body type, a list of one for a list of an example type, or null.</summary>
    public static object? For(Type type)
    {
        if (Examples.TryGetValue(type, out var example))
        {
            return example;
        }

        var element = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is not null && Examples.TryGetValue(element, out var one) ? new[] { one } : null;
    }

    public static FreeTimeDto FreeTime(int index)
    {
        var start = Start.AddMinutes(30 * index);
        return new FreeTimeDto("hauptbahnhof", new DateOnly(2026, 12, 1), start, start.AddMinutes(30), start.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static BookingDto Booking(string status) =>
        new(BookingId, "K7M4QX", status, "personalausweis", "hauptbahnhof", Start, Start.AddMinutes(30), "2026-12-01T08:00:00", null, "de");

    private static WishDto Wish() =>
        new(WishId, "waiting", "personalausweis", ["hauptbahnhof", "bilk"], [1, 2], [new TimeWindowDto("08:00", "12:00")], "2026-12-01", "2027-01-31",
            Start.AddDays(-5), "en", new QueuePlaceDto(3, 6, 2, 11, "History"));

    private static OfferDto Offer(string status, Guid? bookingId) =>
        new(OfferId, status, "personalausweis", "bilk", Start.AddDays(7), Start.AddDays(7).AddMinutes(30), "2026-12-08T08:00:00",
            Start.AddDays(2), "2026-12-03T08:00:00", bookingId is null ? "offered" : "fulfilled", bookingId);

    private static VisitDto Visit() =>
        new(Guid.Parse("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a05"), "A012", "ticket", "personalausweis", "waiting", null,
            Start.AddMinutes(5), Start.AddMinutes(5), null, 0, null);
}
