using System.Net;
using System.Net.Sockets;

namespace Terminagent.Trust.Infrastructure;

/// <summary>
/// A TCP relay between the app and its database that can be cut (every connection dropped, new
/// ones closed at once, as when the network or the server goes away) and restored.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile bool cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public int ConnectionsRefused { get; private set; }

    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            open.Clear();
        }
    }

    public void Restore() => cut = false;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            if (cut)
            {
                ConnectionsRefused++;
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Dispose();
                continue;
            }

            _ = RelayAsync(incoming);
        }
    }

    private async Task RelayAsync(TcpClient incoming)
    {
        var outgoing = new TcpClient();
        try
        {
            await outgoing.ConnectAsync(targetHost, targetPort, stop.Token);
            lock (open)
            {
                open.Add(incoming);
                open.Add(outgoing);
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var a = incoming.GetStream();
            var b = outgoing.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, done.Token), b.CopyToAsync(a, done.Token));
            await done.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the relay ends and both connections close.
        }
        finally
        {
            lock (open)
            {
                open.Remove(incoming);
                open.Remove(outgoing);
            }

            incoming.Dispose();
            outgoing.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Cut();
        await accepting;
        stop.Dispose();
    }
}
