using Terminagent.Domain.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Staff;

public static class StaffTexts
{
    public static string RoleName(StaffRole role, string language) => role switch
    {
        StaffRole.Clerk => Language.Pick(language, "Sachbearbeitung", "Clerk"),
        StaffRole.InfolineAgent => Language.Pick(language, "Infoline", "Infoline agent"),
        StaffRole.OfficeManager => Language.Pick(language, "Standortleitung", "Office manager"),
        StaffRole.Administrator => Language.Pick(language, "Administration", "Administrator"),
        _ => role.ToString(),
    };
}
