namespace Terminagent.Engine.Audit;

/// <summary>One kind of staff action in the audit log: its stable key and its group for the filter. Staff read its name from the administration's texts (<c>Action.{Key}</c>).</summary>
public sealed record AuditAction(string Key, string Group);

/// <summary>A group of kinds the audit page filters by.</summary>
public sealed record AuditGroup(string Key);

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
        new("signin"),
        new("accounts"),
        new("devices"),
        new("counter"),
        new("infoline"),
        new("statistics"),
        new("city"),
    ];

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        new(SignIn, "signin"),
        new(SignInFailed, "signin"),
        new(SignInLocked, "signin"),
        new(SignOut, "signin"),
        new(OwnPassword, "signin"),
        new(AccountNew, "accounts"),
        new(AccountChange, "accounts"),
        new(AccountDisable, "accounts"),
        new(AccountEnable, "accounts"),
        new(AccountUnlock, "accounts"),
        new(AccountPasswordReset, "accounts"),
        new(DeviceIssue, "devices"),
        new(DeviceActivate, "devices"),
        new(DeviceRevoke, "devices"),
        new(CounterCallNext, "counter"),
        new(CounterCallParked, "counter"),
        new(CounterRecall, "counter"),
        new(CounterServe, "counter"),
        new(CounterNoShow, "counter"),
        new(CounterPark, "counter"),
        new(CounterCheckIn, "counter"),
        new(BookingLookUp, "infoline"),
        new(BookingForCaller, "infoline"),
        new(BookingMove, "infoline"),
        new(BookingCancel, "infoline"),
        new(WishForCaller, "infoline"),
        new(OfferAccept, "infoline"),
        new(OfferDecline, "infoline"),
        new(StatisticsExport, "statistics"),
    ];

    public static AuditAction? Find(string key) => All.FirstOrDefault(a => a.Key == key);

    /// <summary>The keys of a group; the "city" group is every key not listed here.</summary>
    public static IReadOnlyList<string> KeysOf(string group) => All.Where(a => a.Group == group).Select(a => a.Key).ToList();
}
