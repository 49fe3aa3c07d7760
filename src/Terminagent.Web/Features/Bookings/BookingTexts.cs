using System.Resources;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Bookings;

/// <summary>
/// The plain words a citizen reads while booking, and when something cannot be done:
/// <c>BookingTexts.resx</c> and its languages beside this file.
/// </summary>
public sealed class BookingTexts
{
    private static readonly ResourceManager Resources = new(typeof(BookingTexts));

    /// <summary>The form field (and API error key) a contact problem belongs to.</summary>
    public static string FieldOf(ContactProblem problem) =>
        problem.ToString().StartsWith("Name", StringComparison.Ordinal) ? "name"
        : problem.ToString().StartsWith("Email", StringComparison.Ordinal) ? "email"
        : "phone";

    internal static string FailureKey(BookingFailure failure) =>
        Enum.IsDefined(failure) ? $"Failure.{failure}" : "Failure.Other";

    internal static string ContactKey(ContactProblem problem) =>
        Enum.IsDefined(problem) ? $"Contact.{problem}" : "Contact.Other";

    /// <summary>The longest entry a contact problem speaks of, for its <c>{0}</c>.</summary>
    internal static int LimitOf(ContactProblem problem) => problem switch
    {
        ContactProblem.NameTooLong => Domain.Bookings.Contact.MaxNameLength,
        ContactProblem.EmailTooLong => Domain.Bookings.Contact.MaxEmailLength,
        ContactProblem.PhoneTooLong => Domain.Bookings.Contact.MaxPhoneLength,
        _ => 0,
    };

    // For pages of other features (Infoline, Agent) that still name their language; they read the same resources.
    public static string Failure(BookingFailure failure, string lang) =>
        Resources.GetString(FailureKey(failure), Languages.CultureOf(lang))!;

    public static string Contact(ContactProblem problem, string lang)
    {
        var culture = Languages.CultureOf(lang);
        return string.Format(culture, Resources.GetString(ContactKey(problem), culture)!, LimitOf(problem));
    }
}

public static class BookingTextsExtensions
{
    extension(IStringLocalizer<BookingTexts> t)
    {
        public string Failure(BookingFailure failure) => t[BookingTexts.FailureKey(failure)];

        public string Contact(ContactProblem problem) => t[BookingTexts.ContactKey(problem), BookingTexts.LimitOf(problem)];
    }
}
