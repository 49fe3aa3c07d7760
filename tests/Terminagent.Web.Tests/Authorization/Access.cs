namespace Terminagent.Web.Tests.Authorization;

/// <summary>The people the authorization matrix tries every route as.</summary>
[Flags]
public enum Actor
{
    None = 0,
    Anonymous = 1,

    /// <summary>A clerk of the office in the route ("hauptbahnhof").</summary>
    ClerkHere = 2,

    /// <summary>A clerk of another office ("bilk").</summary>
    ClerkElsewhere = 4,
    InfolineAgent = 8,

    /// <summary>An office manager of the office in the route ("hauptbahnhof").</summary>
    ManagerHere = 16,

    /// <summary>An office manager of another office ("bilk").</summary>
    ManagerElsewhere = 32,
    Administrator = 64,

    Staff = ClerkHere | ClerkElsewhere | InfolineAgent | ManagerHere | ManagerElsewhere | Administrator,
    Everyone = Anonymous | Staff,
}

/// <summary>
/// Who may open a route. Everyone else is refused: an anonymous browser is sent to the sign-in page
/// (an API caller gets 401), signed-in staff get 403 or the refusal page /staff/denied.
/// </summary>
/// <param name="Allowed">The actors who may open it.</param>
/// <param name="AnonymousGetsRefusalPage">An anonymous browser gets a refusal page (401/403) instead of the sign-in page, as at the kiosk.</param>
/// <param name="IsRefusalPage">The route is the refusal page itself: everyone gets 403 and no redirect.</param>
public sealed record Access(Actor Allowed, bool AnonymousGetsRefusalPage = false, bool IsRefusalPage = false)
{
    public static Access Everyone { get; } = new(Actor.Everyone);

    public static Access AnyStaff { get; } = new(Actor.Staff);

    public static Access Nobody { get; } = new(Actor.None);

    public static Access RefusalPage { get; } = new(Actor.None, IsRefusalPage: true);

    /// <summary>StaffTask.ManageStaff: administrators.</summary>
    public static Access ManageStaff { get; } = new(Actor.Administrator);

    /// <summary>StaffTask.ManageDevices at the route's office: its office managers and administrators.</summary>
    public static Access ManageDevicesHere { get; } = new(Actor.ManagerHere | Actor.Administrator);

    /// <summary>An office's settings: its managers and administrators.</summary>
    public static Access ManageOfficesHere { get; } = new(Actor.ManagerHere | Actor.Administrator);

    /// <summary>Pages every manager opens, each seeing only their own offices in them.</summary>
    public static Access ManageOfficesAnywhere { get; } = new(Actor.ManagerHere | Actor.ManagerElsewhere | Actor.Administrator);

    /// <summary>What concerns the whole city: services and new offices.</summary>
    public static Access ManageCity { get; } = new(Actor.Administrator);

    /// <summary>StaffTask.ViewStatistics (of all their offices, without an office in the route): office managers and administrators.</summary>
    public static Access ViewStatistics { get; } = new(Actor.ManagerHere | Actor.ManagerElsewhere | Actor.Administrator);

    /// <summary>StaffTask.WorkAtCounter at the route's office: its clerks and office managers, and administrators.</summary>
    public static Access WorkAtCounterHere { get; } = new(Actor.ClerkHere | Actor.ManagerHere | Actor.Administrator);

    /// <summary>StaffTask.AnswerCalls: infoline agents and administrators, for every office.</summary>
    public static Access AnswerCalls { get; } = new(Actor.InfolineAgent | Actor.Administrator);

    /// <summary>The call display of the route's office: its device, or staff who may work at its counters or manage its devices.</summary>
    public static Access CallDisplayHere { get; } = new(Actor.ClerkHere | Actor.ManagerHere | Actor.Administrator);

    /// <summary>The kiosk of the route's office: its device only; an anonymous browser gets a clear refusal, no sign-in page.</summary>
    public static Access KioskDeviceOnly { get; } = new(Actor.None, AnonymousGetsRefusalPage: true);

    public bool Allows(Actor actor) => (Allowed & actor) != 0;
}
