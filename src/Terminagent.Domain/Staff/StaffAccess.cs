namespace Terminagent.Domain.Staff;

public enum StaffRole
{
    /// <summary>Works at the counters of one or more offices.</summary>
    Clerk = 1,

    /// <summary>Books, moves and cancels for callers of the city's phone service, at every office.</summary>
    InfolineAgent = 2,

    /// <summary>Runs their offices: counters, kiosks and call displays.</summary>
    OfficeManager = 3,

    /// <summary>Runs the whole installation, staff accounts included.</summary>
    Administrator = 4,
}

/// <summary>What a member of staff may do; each staff page and API route asks for one of these.</summary>
public enum StaffTask
{
    /// <summary>Check citizens in, call them to a counter, serve them.</summary>
    WorkAtCounter,

    /// <summary>Book, look up, move and cancel for callers; register wishes; phone out offers.</summary>
    AnswerCalls,

    /// <summary>Issue and revoke the device tokens of kiosks and call displays.</summary>
    ManageDevices,

    /// <summary>Create staff accounts, set their roles and offices, unlock them.</summary>
    ManageStaff,

    /// <summary>Change an office's hours, counters, closed days and release policy; read its audit log.</summary>
    ManageOffices,

    /// <summary>Change what concerns the whole city: services, new offices.</summary>
    ManageCity,

    /// <summary>Read the statistics of offices (bookings, utilisation, the agent's offers, waiting times).</summary>
    ViewStatistics,
}

/// <summary>
/// The rules of who may do what where: a clerk and an office manager act only in their own
/// offices; the infoline serves callers for every office; an administrator may do everything.
/// </summary>
public static class StaffAccess
{
    public static bool MayDo(StaffRole role, StaffTask task) => task switch
    {
        StaffTask.WorkAtCounter => role is StaffRole.Clerk or StaffRole.OfficeManager or StaffRole.Administrator,
        StaffTask.AnswerCalls => role is StaffRole.InfolineAgent or StaffRole.Administrator,
        StaffTask.ManageDevices => role is StaffRole.OfficeManager or StaffRole.Administrator,
        StaffTask.ManageStaff => role is StaffRole.Administrator,
        StaffTask.ManageOffices => role is StaffRole.OfficeManager or StaffRole.Administrator,
        StaffTask.ManageCity => role is StaffRole.Administrator,
        StaffTask.ViewStatistics => role is StaffRole.OfficeManager or StaffRole.Administrator,
        _ => false,
    };

    /// <summary>Whether the task may be done for <paramref name="officeId"/>.</summary>
    public static bool MayDoAt(StaffRole role, IReadOnlyCollection<string> ownOffices, StaffTask task, string officeId) =>
        MayDo(role, task) && (role is StaffRole.Administrator or StaffRole.InfolineAgent || ownOffices.Contains(officeId));

    /// <summary>Whether a role works for named offices only, so an account of it needs at least one.</summary>
    public static bool IsBoundToOffices(StaffRole role) => role is StaffRole.Clerk or StaffRole.OfficeManager;
}
