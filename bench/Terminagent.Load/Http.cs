using System.Net;

namespace Terminagent.Load;

/// <summary>One HttpClient per app instance, with enough pooled connections for every worker.</summary>
public static class Http
{
    public static HttpClient ClientFor(Uri baseAddress, int workers) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(workers, 2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The status code as text ("201", "409", "503"); failures without an answer are recorded under the exception's name.</summary>
    public static string Outcome(HttpStatusCode status) => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
