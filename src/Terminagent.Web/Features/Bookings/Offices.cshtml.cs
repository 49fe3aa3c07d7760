using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;

namespace Terminagent.Web.Features.Bookings;

public sealed class OfficesModel(City city) : PageModel
{
    public Service? Service { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public bool NoOfficeChosen { get; private set; }

    public IActionResult OnGet(string? service, bool missing = false)
    {
        Service = service is null ? null : city.FindService(service);
        if (Service is null)
        {
            Response.StatusCode = service is null ? 400 : 404;
            return Page();
        }

        Offices = city.OfficesOffering(Service).ToList();
        NoOfficeChosen = missing;
        return Page();
    }
}
