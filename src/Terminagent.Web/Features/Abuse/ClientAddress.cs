using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Terminagent.Web.Features.Abuse;

/// <summary>
/// The client's address as the rate limits count it: the connection's peer, or what a trusted proxy
/// says in X-Forwarded-For (applied by the forwarded-headers middleware). IPv6 clients get a whole
/// /64 from their provider, so they count per /64.
/// </summary>
public static class ClientAddress
{
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Whether the app can vouch for the caller's address: true with the connection's peer, or with
    /// what a trusted proxy forwarded (the forwarded-headers middleware then consumed X-Forwarded-For).
    /// False when an X-Forwarded-For is left over: a hop the app does not trust stands between, and
    /// the peer's address (often loopback, for a reverse proxy on the same machine) says nothing about
    /// who called it. The address is null for a connection without one (a Unix socket, the in-process
    /// test server): those come from this machine.
    /// </summary>
    public static bool Vouched(HttpContext http, out IPAddress? address)
    {
        address = http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress;
        return !http.Request.Headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName);
    }

    /// <summary>The caller is this machine, as far as the app can vouch (see <see cref="Vouched"/>).</summary>
    public static bool IsThisMachine(HttpContext http) =>
        Vouched(http, out var address) && (address is null || IPAddress.IsLoopback(address));

    /// <summary>The caller's vouched address lies in one of these networks.</summary>
    public static bool IsIn(HttpContext http, IReadOnlyCollection<System.Net.IPNetwork> networks) =>
        networks.Count > 0 && Vouched(http, out var address) && address is not null && networks.Any(n => n.Contains(address));
}

internal sealed class ForwardedHeadersFromConfiguration(IOptions<ClientAddressOptions> client) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // Only the proxies named in the configuration: by default no peer is trusted, not even loopback.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in client.Value.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in client.Value.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}

internal sealed class ClientAddressOptionsValidator : IValidateOptions<ClientAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAddressOptions o)
    {
        var bad = o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Concat(o.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            .ToList();
        return bad.Count > 0
            ? ValidateOptionsResult.Fail($"ClientAddress: not an address or CIDR network: {string.Join(", ", bad)}")
            : ValidateOptionsResult.Success;
    }
}
