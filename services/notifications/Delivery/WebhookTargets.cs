using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Platform.Notifications.Model;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Decides whether a webhook URL may be called, at registration (<see cref="ProblemWithAsync"/>) and
/// again for every connection the webhook client opens (<see cref="ConnectAsync"/>, its
/// <c>ConnectCallback</c>). The second check is the one that matters: a name that resolved to a public
/// address when it was registered can point at 127.0.0.1 an hour later (DNS rebinding), so the
/// connection goes to the very address that was checked, never to one resolved again elsewhere.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    private WebhookOptions Settings => options.Value;

    private bool AllowsHttp => Settings.AllowInsecureHttp && environment.IsDevelopment();

    /// <summary>What is wrong with <paramref name="url"/> as a webhook target, or null when nothing is.</summary>
    public async Task<string?> ProblemWithAsync(string? url, CancellationToken cancellationToken)
    {
        // On Unix "/hooks" parses as file:///hooks: the scheme check is what refuses a relative URL.
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"The URL must be an absolute {(AllowsHttp ? "https (or http)" : "https")} URL, such as https://app.example.com/webhooks.";
        }

        if (url.Length > WebhookEndpoint.MaxUrlLength)
        {
            return $"The URL must have at most {WebhookEndpoint.MaxUrlLength} characters.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !AllowsHttp)
        {
            return "The URL must use https.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The URL must not carry credentials or a fragment; receivers authenticate deliveries by their signature.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host {uri.IdnHost} cannot be resolved.";
        }

        return addresses.Length == 0 ? $"The host {uri.IdnHost} cannot be resolved." : Refusal(uri.IdnHost, addresses);
    }

    /// <summary>Resolves, checks and connects to one of the checked addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (Refusal(host, addresses) is { } refusal)
        {
            throw new WebhookTargetRefusedException(refusal);
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception exception) when (exception is SocketException)
            {
                socket.Dispose();
                last = exception;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private string? Refusal(string host, IReadOnlyList<IPAddress> addresses)
    {
        if (Settings.AllowPrivateAddresses)
        {
            return null;
        }

        foreach (var address in addresses)
        {
            if (WebhookAddresses.Refusal(address) is { } reason)
            {
                var subject = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address} is" : $"The host {host} resolves to {address}, which is";
                var article = "aeio".Contains(reason[0]) || reason.StartsWith("unspecified", StringComparison.Ordinal) ? "an" : "a";
                return $"{subject} {article} {reason} address; webhooks go to public addresses only.";
            }
        }

        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The webhook's host is, or now resolves to, an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
