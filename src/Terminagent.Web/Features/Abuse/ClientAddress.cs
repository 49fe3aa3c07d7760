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
