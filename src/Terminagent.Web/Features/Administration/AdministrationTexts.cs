using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Administration;

/// <summary>The texts of the administration pages: <c>AdministrationTexts.resx</c> (German) and <c>.en.resx</c> beside this file.</summary>
public sealed class AdministrationTexts
{
    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    /// <summary>A public holiday's name is data the domain gives in German and English, not a text of these pages.</summary>
    public static string HolidayName(PublicHoliday holiday, string lang) => lang == Languages.English ? holiday.NameEn : holiday.NameDe;
}

public static class AdministrationTextsExtensions
{
    extension(IStringLocalizer<AdministrationTexts> t)
    {
        public string Reason(ScheduleConflict reason) => OrElse(t, $"Reason.{reason}", reason.ToString());

        /// <summary>The audit log's kinds of action as staff read them: the city's settings (<c>office.*</c>, …) and <see cref="AuditActions.All"/>.</summary>
        public string ActionName(string action) => OrElse(t, $"Action.{action}", action);

        public string GroupName(AuditGroup group) => OrElse(t, $"AuditGroup.{group.Key}", group.Key);
    }

    private static string OrElse(IStringLocalizer t, string key, string otherwise) => t[key] is { ResourceNotFound: false } text ? text.Value : otherwise;
}
