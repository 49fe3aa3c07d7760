using System.Globalization;

namespace Terminagent.Load;

/// <summary>
/// The client addresses the simulated people come from. The app instances trust 127.0.0.1 as their
/// reverse proxy (ClientAddress:KnownProxies), so the X-Forwarded-For each request carries is the
/// address the rate limits count, as behind the city's proxy in production. A citizen keeps one
/// address for their whole journey (look-ups, challenges, holds, the confirmation).
/// </summary>
public static class Addresses
{
    public const string Header = "X-Forwarded-For";

    /// <summary>Citizen <paramref name="n"/> (0 to 16,777,215): 10.x.y.z, a different address for each.</summary>
    public static string Citizen(long n) => InNetwork(10, n);

    /// <summary>People only looking (the warm-up, the availability benchmark): 11.x.y.z, apart from the citizens.</summary>
    public static string Reader(long n) => InNetwork(11, n);

    /// <summary>A request to <paramref name="uri"/> sent on behalf of <paramref name="address"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string uri, string address)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation(Header, address);
        return request;
    }

    private static string InNetwork(int first, long n)
    {
        var i = n & 0xFFFFFF;
        return string.Create(CultureInfo.InvariantCulture, $"{first}.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}");
    }
}
