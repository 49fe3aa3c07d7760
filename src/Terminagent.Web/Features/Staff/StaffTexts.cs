using Microsoft.Extensions.Localization;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Staff;

/// <summary>The texts of the staff area and its accounts: <c>StaffTexts.resx</c> (German) and <c>.en.resx</c> beside this file.</summary>
public sealed class StaffTexts;

public static class StaffTextsExtensions
{
    extension(IStringLocalizer<StaffTexts> t)
    {
        public string RoleName(StaffRole role) => t[$"Role.{role}"] is { ResourceNotFound: false } name ? name.Value : role.ToString();
    }
}

/// <summary>
/// The staff texts in a language the caller names rather than the request's: the create-admin
/// command has no request and speaks English. Each text is built inside its own language scope.
/// </summary>
public readonly struct StaffTextsIn(IStringLocalizer<StaffTexts> t, string language)
{
    public string this[string key, params object[] arguments]
    {
        get
        {
            using var scope = Languages.Use(language);
            return t[key, arguments];
        }
    }
}
