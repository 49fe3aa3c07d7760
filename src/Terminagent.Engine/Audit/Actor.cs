namespace Terminagent.Engine.Audit;

public enum ActorKind
{
    /// <summary>The engine itself: a worker's round, a release, a lapse.</summary>
    System,

    /// <summary>A citizen on the website, the API or through a link from an email.</summary>
    Citizen,

    /// <summary>A kiosk or call display bound to an office.</summary>
    Device,

    /// <summary>A signed-in member of staff doing staff work.</summary>
    Staff,

    /// <summary>Someone running a command on the server (e.g. <c>create-admin</c>).</summary>
    Operator,
}

/// <summary>
/// Who acts. The host decides it (the web host from the request, a command from its name, a worker
/// is the system) and hands it to the engine through <see cref="ActorScope"/>; the audit log reads it.
/// </summary>
public sealed record Actor(ActorKind Kind, Guid? StaffId, string Name)
{
    public static Actor SystemActor { get; } = new(ActorKind.System, null, "Terminagent");

    public static Actor Citizen { get; } = new(ActorKind.Citizen, null, "citizen");

    /// <summary>A sign-in under a name that has no account: the audit log keeps no typed name.</summary>
    public static Actor UnknownStaff { get; } = new(ActorKind.Staff, null, "?");

    public static Actor Staff(Guid id, string name) => new(ActorKind.Staff, id, name);

    public static Actor Device(string name) => new(ActorKind.Device, null, name);

    public static Actor Operator(string command) => new(ActorKind.Operator, null, command);

    /// <summary>Staff and operators answer for what they change; citizens, devices and the system leave no audit entry.</summary>
    public bool IsAudited => Kind is ActorKind.Staff or ActorKind.Operator;
}

/// <summary>
/// The actor of one scope (a request, a command, a worker's round): the system until the host says
/// otherwise with <see cref="ActAs"/>.
/// </summary>
public sealed class ActorScope
{
    public Actor Current { get; private set; } = Actor.SystemActor;

    public void ActAs(Actor actor) => Current = actor;
}
