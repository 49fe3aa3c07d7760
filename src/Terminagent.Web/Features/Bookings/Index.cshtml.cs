using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;

namespace Terminagent.Web.Features.Bookings;

public sealed class IndexModel(City city) : PageModel
{
    public City City => city;

    public string? Problem { get; private set; }
}
