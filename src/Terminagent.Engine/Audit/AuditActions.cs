using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Audit;

/// <summary>One kind of staff action in the audit log: its stable key, its group for the filter, its name for staff.</summary>
public sealed record AuditAction(string Key, string Group, string German, string English)
{
    public string Name(string language) => Languages.Pick(language, German, English);
}

/// <summary>A group of kinds the audit page filters by.</summary>
public sealed record AuditGroup(string Key, string German, string English)
{
    public string Name(string language) => Languages.Pick(language, German, English);
}

/// <summary>
/// Every kind of staff action the audit log records (the city's settings have their own keys,
/// <c>office.*</c>, <c>service.*</c>, in Administration). The audit test walks each of them.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "staff.signin";
    public const string SignInFailed = "staff.signin-failed";
    public const string SignInLocked = "staff.signin-locked";
    public const string SignOut = "staff.signout";
    public const string OwnPassword = "staff.password";

    public const string AccountNew = "account.new";
    public const string AccountChange = "account.change";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string AccountUnlock = "account.unlock";
    public const string AccountPasswordReset = "account.password-reset";

    public const string DeviceIssue = "device.issue";
    public const string DeviceActivate = "device.activate";
    public const string DeviceRevoke = "device.revoke";

    public const string CounterCallNext = "counter.call-next";
    public const string CounterCallParked = "counter.call-parked";
    public const string CounterRecall = "counter.recall";
    public const string CounterServe = "counter.serve";
    public const string CounterNoShow = "counter.no-show";
    public const string CounterPark = "counter.park";
    public const string CounterCheckIn = "counter.check-in";

    public const string BookingLookUp = "booking.lookup";
    public const string BookingForCaller = "booking.for-caller";
    public const string BookingMove = "booking.move";
    public const string BookingCancel = "booking.cancel";
    public const string WishForCaller = "wish.for-caller";
    public const string OfferAccept = "offer.accept";
    public const string OfferDecline = "offer.decline";

    public const string StatisticsExport = "statistics.export";

    /// <summary>The groups of the filter; "city" holds the Administration's keys.</summary>
    public static IReadOnlyList<AuditGroup> Groups { get; } =
    [
        new("signin", "Anmeldung und eigenes Passwort", "Sign-in and own password"),
        new("accounts", "Konten", "Accounts"),
        new("devices", "Geräte", "Devices"),
        new("counter", "Schalter", "Counter"),
        new("infoline", "Infoline: Termine, Wünsche, Angebote", "Infoline: bookings, wishes, offers"),
        new("statistics", "Statistik", "Statistics"),
        new("city", "Standorte, Anliegen, Einstellungen", "Offices, services, settings"),
    ];

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        new(SignIn, "signin", "Angemeldet", "Signed in"),
        new(SignInFailed, "signin", "Anmeldung mit falschem Passwort oder unbekanntem Namen", "Sign-in with a wrong password or unknown name"),
        new(SignInLocked, "signin", "Anmeldung gesperrt (zu viele Fehlversuche)", "Sign-in locked (too many failed attempts)"),
        new(SignOut, "signin", "Abgemeldet", "Signed out"),
        new(OwnPassword, "signin", "Eigenes Passwort geändert", "Own password changed"),
        new(AccountNew, "accounts", "Konto angelegt", "Account created"),
        new(AccountChange, "accounts", "Konto geändert (Rolle, Standorte)", "Account changed (role, offices)"),
        new(AccountDisable, "accounts", "Konto deaktiviert", "Account disabled"),
        new(AccountEnable, "accounts", "Konto wieder aktiviert", "Account enabled again"),
        new(AccountUnlock, "accounts", "Sperre aufgehoben", "Lockout lifted"),
        new(AccountPasswordReset, "accounts", "Neues Passwort vergeben", "New password given"),
        new(DeviceIssue, "devices", "Gerät ausgegeben", "Device issued"),
        new(DeviceActivate, "devices", "Gerät eingerichtet", "Device activated"),
        new(DeviceRevoke, "devices", "Gerät gesperrt", "Device revoked"),
        new(CounterCallNext, "counter", "Nächste Person aufgerufen", "Next citizen called"),
        new(CounterCallParked, "counter", "Zurückgestellte Person aufgerufen", "Parked citizen called"),
        new(CounterRecall, "counter", "Erneut aufgerufen", "Called again"),
        new(CounterServe, "counter", "Bedient", "Served"),
        new(CounterNoShow, "counter", "Nicht erschienen", "No-show"),
        new(CounterPark, "counter", "Zurückgestellt", "Parked"),
        new(CounterCheckIn, "counter", "Termin am Schalter eingecheckt", "Appointment checked in at the counter"),
        new(BookingLookUp, "infoline", "Termin nachgeschlagen", "Booking looked up"),
        new(BookingForCaller, "infoline", "Termin für anrufende Person gebucht", "Booked for a caller"),
        new(BookingMove, "infoline", "Termin verlegt", "Booking moved"),
        new(BookingCancel, "infoline", "Termin abgesagt", "Booking cancelled"),
        new(WishForCaller, "infoline", "Terminwunsch für anrufende Person aufgenommen", "Wish taken for a caller"),
        new(OfferAccept, "infoline", "Angebot angenommen (Antwort am Telefon)", "Offer accepted (answer by phone)"),
        new(OfferDecline, "infoline", "Angebot abgelehnt (Antwort am Telefon)", "Offer declined (answer by phone)"),
        new(StatisticsExport, "statistics", "Statistik als CSV exportiert", "Statistics exported as CSV"),
    ];

    public static AuditAction? Find(string key) => All.FirstOrDefault(a => a.Key == key);

    /// <summary>The keys of a group; the "city" group is every key not listed here.</summary>
    public static IReadOnlyList<string> KeysOf(string group) => All.Where(a => a.Group == group).Select(a => a.Key).ToList();
}
