using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.Privacy;

/// <summary>
/// Where the app keeps a citizen's personal data, and the one way it is removed: retention and a
/// citizen's erasure blank the same columns, so neither can forget one the other remembers.
/// </summary>
public static class PersonalData
{
    /// <summary>
    /// Every column that can hold a citizen's name, address, phone or words about them, by table.
    /// A test compares this list with the database model, so a new column has to be placed here or
    /// among <see cref="WithoutPersonalData"/> before the build passes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> CitizenColumns = new Dictionary<string, IReadOnlyList<string>>
    {
        ["bookings"] = ["Name", "Email", "NormalisedEmail", "Phone"],
        ["wishes"] = ["Name", "Email", "NormalisedEmail", "Phone"],

        // Rows are deleted whole: text and attachment repeat the booking, the error may quote the address.
        ["outbox_messages"] = ["ToAddress", "ToName", "Subject", "TextBody", "AttachmentContent", "LastError"],
    };

    /// <summary>Text columns checked to hold no citizen's personal data, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutPersonalData = new Dictionary<string, string>
    {
        ["bookings.Code"] = "a random code; once the booking is anonymised it points to no one",
        ["bookings.OfficeId"] = "catalogue key",
        ["bookings.ServiceId"] = "catalogue key",
        ["bookings.Language"] = "the language of the emails: de, en, tr, uk or ar",
        ["wishes.ServiceId"] = "catalogue key",
        ["wishes.Language"] = "the language of the emails: de, en, tr, uk or ar",
        ["wish_targets.ServiceId"] = "catalogue key",
        ["wish_targets.OfficeId"] = "catalogue key",
        ["offers.ServiceId"] = "catalogue key",
        ["offers.OfficeId"] = "catalogue key",
        ["outbox_messages.MessageId"] = "random id",
        ["outbox_messages.AttachmentName"] = "fixed file name",
        ["outbox_messages.AttachmentContentType"] = "MIME type",
        ["outbox_messages.LeaseOwner"] = "sender instance",
        ["outbox_messages.Language"] = "the language of the email: de, en, tr, uk or ar",
        ["outbox_messages.CheckInCode"] = "the booking code, see bookings.Code",
        ["link_tokens.Hash"] = "hash of a random secret; deleted with the record it opens",
        ["slots.OfficeId"] = "catalogue key",
        ["release_runs.OfficeId"] = "catalogue key",
        ["tickets.OfficeId"] = "catalogue key",
        ["tickets.ServiceId"] = "catalogue key",
        ["tickets.Language"] = "de, en, tr, uk or ar; kiosk tickets are anonymous",
        ["ticket_sequences.OfficeId"] = "catalogue key",
        ["visits.OfficeId"] = "catalogue key",
        ["visits.ServiceId"] = "catalogue key",
        ["visits.Label"] = "ticket number or booking code, shown on the call display",
        ["visits.Counter"] = "counter name",
        ["call_announcements.OfficeId"] = "catalogue key",
        ["call_announcements.Label"] = "ticket number or booking code",
        ["call_announcements.Counter"] = "counter name",
        ["devices.OfficeId"] = "catalogue key",
        ["devices.Name"] = "a kiosk's or display's name",
        ["devices.TokenHash"] = "hash of a device secret",
        ["city_versions.SavedBy"] = "staff member (staff data, kept for the audit)",
        ["city_versions.Document"] = "the city's settings",
        ["city_versions.FileHash"] = "hash of city.json",
        ["audit_entries.Actor"] = "staff member (staff data, kept for the audit)",
        ["audit_entries.Action"] = "kind of action",
        ["audit_entries.OfficeId"] = "catalogue key",
        ["audit_entries.Details"] = "staff changes and booking codes, never a citizen's name or address",
        ["rate_counters.Key"] = "limit, a SHA-256 pseudonym of the client address or email, window number; gone when the window ends",
        ["used_challenges.Id"] = "random proof-of-work challenge id",
        ["DataProtectionKeys.FriendlyName"] = "key ring",
        ["DataProtectionKeys.Xml"] = "key ring",
    };

    /// <summary>Tables of staff accounts (ASP.NET Core Identity): staff data, not citizens', outside this retention.</summary>
    public static readonly IReadOnlyList<string> StaffTables = ["staff_users", "staff_user_claims", "staff_user_logins", "staff_user_tokens"];

    /// <summary>Blanks name, email and phone of these wishes, keeping what the statistics count.</summary>
    public static Task<int> AnonymiseAsync(IQueryable<Wish> wishes, Instant now, CancellationToken ct) =>
        wishes.Where(w => w.AnonymisedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(w => w.Name, "")
            .SetProperty(w => w.Email, "")
            .SetProperty(w => w.NormalisedEmail, "")
            .SetProperty(w => w.Phone, (string?)null)
            .SetProperty(w => w.AnonymisedAt, now), ct);

    /// <summary>Blanks name, email and phone of these bookings, keeping what the statistics count.</summary>
    public static Task<int> AnonymiseAsync(IQueryable<Booking> bookings, Instant now, CancellationToken ct) =>
        bookings.Where(b => b.AnonymisedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(b => b.Name, "")
            .SetProperty(b => b.Email, "")
            .SetProperty(b => b.NormalisedEmail, (string?)null)
            .SetProperty(b => b.Phone, (string?)null)
            .SetProperty(b => b.AnonymisedAt, now), ct);

    /// <summary>
    /// Deletes the links whose subject is one of these records (bookings, wishes, the offers made to
    /// a wish), so an old email opens nothing any more once the record is anonymised.
    /// </summary>
    public static Task<int> DeleteLinksOfAsync(TerminagentDb db, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct) =>
        subjectIds.Count == 0
            ? Task.FromResult(0)
            : db.LinkTokens.Where(t => subjectIds.Contains(t.SubjectId)).ExecuteDeleteAsync(ct);
}
