extern alias trust;

using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.BadInput;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>
/// The routes of a test app as the fuzzer takes them: the web host's own listing
/// (<see cref="RouteList"/>), read through the JSON the figures tool reads from <c>routes --json</c>.
/// </summary>
internal static class AppRoutes
{
    public static async Task<IReadOnlyList<FuzzTarget>> OfAsync(TestApp app) =>
        FuzzRoutes.Parse(RouteList.ToJson(await RouteList.ReadAsync(app.Services)));
}
