using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>The texts of the account pages: <c>AccountTexts.resx</c> (German) and <c>.en.resx</c> beside this file.</summary>
public sealed class AccountTexts;

/// <summary>How the account pages show moments and offices.</summary>
public static class AccountTextsExtensions
{
    extension(IStringLocalizer<AccountTexts> t)
    {
        /// <summary>A moment in the city's time zone (the zone of its first office), as staff read it.</summary>
        public string Moment(Instant instant, City city) =>
            instant.InZone(city.Offices[0].Zone).ToString(t["Moment.Pattern"], CultureInfo.InvariantCulture);

        public string Moment(DateTimeOffset moment, City city) =>
            t.Moment(Instant.FromDateTimeOffset(moment), city);

        public string RoleDuties(StaffRole role) => t[$"RoleDuties.{role}"] is { ResourceNotFound: false } duties ? duties.Value : "";

        public string Offices(IEnumerable<string> officeIds, City city)
        {
            var names = officeIds.Select(id => city.FindOffice(id)?.Name ?? id).ToList();
            return names.Count == 0 ? t["Offices.All"] : string.Join(", ", names);
        }
    }
}
