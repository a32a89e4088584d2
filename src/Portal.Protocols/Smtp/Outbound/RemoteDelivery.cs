using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Delivery;
using Portal.Core.Dns;
using Portal.Core.Storage;

namespace Portal.Protocols.Smtp.Outbound;

/// <summary>
/// Delivers the due messages of one domain over one connection (reused for every message): MX lookup (RFC 5321 §5.1)
/// or the smart host, opportunistic STARTTLS (RFC 7435), and a verdict per recipient.
/// </summary>
internal sealed class RemoteDelivery(IDnsResolver dns, IBlobStore blobs, DkimSigning signing, IOptions<OutboundOptions> options, ILogger<RemoteDelivery> logger)
{
    public async Task<IReadOnlyList<RecipientOutcome>> DeliverAsync(string domain, IReadOnlyList<OutboundWork> works, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var outcomes = new List<RecipientOutcome>();
        IReadOnlyList<(string Host, int Port)> hosts;
        try
        {
            hosts = await HostsAsync(domain, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsUnavailableException ex)
        {
            return All(works, OutcomeKind.Deferred, $"451 4.4.3 DNS lookup failed: {ex.Message}");
        }

        if (hosts.Count == 0)
        {
            // RFC 7505 §4.2 for a null MX; RFC 5321 §5.1 when neither MX nor address records exist.
            return All(works, OutcomeKind.Failed, $"556 5.1.10 Domain {domain} does not accept mail");
        }

        using var client = new OutboundSmtpClient
        {
            LocalDomain = settings.HeloName,
            Timeout = (int)settings.CommandTimeout.TotalMilliseconds,
            CheckCertificateRevocation = false,

            // Opportunistic TLS (RFC 7435 §4): encrypt when offered, without requiring a certificate we can verify.
            ServerCertificateValidationCallback = (_, _, _, _) => true,
        };

        var connected = await ConnectAsync(client, hosts, cancellationToken).ConfigureAwait(false);
        if (connected is not null)
        {
            return All(works, OutcomeKind.Deferred, $"451 4.4.1 No MX of {domain} answered: {connected}");
        }

        foreach (var work in works)
        {
            if (!client.IsConnected)
            {
                outcomes.AddRange(All([work], OutcomeKind.Deferred, "451 4.4.2 Connection lost"));
                continue;
            }

            outcomes.AddRange(await SendAsync(client, work, cancellationToken).ConfigureAwait(false));
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ProtocolException or SmtpCommandException or SocketException)
            {
                // Everything is already delivered or recorded; a failed QUIT changes nothing.
                Log.OutboundQuitFailed(logger, domain, ex.Message);
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<RecipientOutcome>> SendAsync(OutboundSmtpClient client, OutboundWork work, CancellationToken cancellationToken)
    {
        client.Refused.Clear();
        client.Current = work;
        MimeMessage message;
        await using (var content = await blobs.OpenReadAsync(work.Message.BlobId, cancellationToken).ConfigureAwait(false))
        {
            message = await MimeMessage.LoadAsync(content, cancellationToken).ConfigureAwait(false);
        }

        await signing.SignAsync(message, cancellationToken).ConfigureAwait(false);

        var sender = work.Message.Sender.Length == 0 ? new MailboxAddress(string.Empty, string.Empty) : MailboxAddress.Parse(work.Message.Sender);
        var recipients = work.Recipients.Select(r => new MailboxAddress(string.Empty, r.Address)).ToList();
        string reply;
        try
        {
            reply = await client.SendAsync(FormatOptions.Default, message, sender, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && client.Refused.Count == work.Recipients.Count)
        {
            return work.Recipients.Select(r => Refusal(r, client.Refused[r.Address])).ToList();
        }
        catch (SmtpCommandException ex)
        {
            // The sender or the message was refused: every recipient not already refused shares the verdict.
            var text = Format((int)ex.StatusCode, ex.Message);
            var kind = (int)ex.StatusCode >= 500 ? OutcomeKind.Failed : OutcomeKind.Deferred;
            return work.Recipients.Select(r => client.Refused.TryGetValue(r.Address, out var refused) ? Refusal(r, refused) : new RecipientOutcome(r.Id, kind, text)).ToList();
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or SocketException or SmtpProtocolException or TimeoutException)
        {
            return All([work], OutcomeKind.Deferred, $"451 4.4.2 {ex.Message}");
        }

        var dsn = client.Capabilities.HasFlag(SmtpCapabilities.Dsn);
        return work.Recipients.Select(r => client.Refused.TryGetValue(r.Address, out var refused)
            ? Refusal(r, refused)
            : new RecipientOutcome(r.Id, OutcomeKind.Delivered, "250 " + reply, dsn)).ToList();
    }

    private async Task<string?> ConnectAsync(OutboundSmtpClient client, IReadOnlyList<(string Host, int Port)> hosts, CancellationToken cancellationToken)
    {
        string? lastError = "no address";
        foreach (var (host, port) in hosts)
        {
            IReadOnlyList<System.Net.IPAddress> addresses;
            try
            {
                addresses = await dns.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (DnsUnavailableException ex)
            {
                lastError = ex.Message;
                continue;
            }

            foreach (var address in addresses)
            {
                try
                {
                    await client.ConnectAsync(address.ToString(), port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken).ConfigureAwait(false);
                    return null;
                }
                catch (Exception ex) when (ex is IOException or SocketException or SmtpCommandException or SmtpProtocolException or SslHandshakeException or TimeoutException or OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lastError = $"{host} [{address}]: {ex.Message}";
                    Log.OutboundConnectFailed(logger, host, address.ToString(), ex.Message);
                }
            }
        }

        return lastError;
    }

    private async Task<IReadOnlyList<(string Host, int Port)>> HostsAsync(string domain, OutboundOptions settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.SmartHost))
        {
            var colon = settings.SmartHost.LastIndexOf(':');
            return colon > 0 && int.TryParse(settings.SmartHost[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var smartPort)
                ? [(settings.SmartHost[..colon], smartPort)]
                : [(settings.SmartHost, settings.Port)];
        }

        var mx = await dns.ResolveMxAsync(domain, cancellationToken).ConfigureAwait(false);
        if (mx.Count == 1 && mx[0].IsNull)
        {
            return [];
        }

        if (mx.Count > 0)
        {
            return mx.Select(m => (m.Host, settings.Port)).ToList();
        }

        // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX if it has an address.
        var addresses = await dns.ResolveAddressesAsync(domain, cancellationToken).ConfigureAwait(false);
        return addresses.Count == 0 ? [] : [(domain, settings.Port)];
    }

    private static RecipientOutcome Refusal(OutboundRecipient recipient, SmtpResponse response) =>
        new(recipient.Id, (int)response.StatusCode >= 500 ? OutcomeKind.Failed : OutcomeKind.Deferred, Format((int)response.StatusCode, response.Response));

    private static string Format(int code, string text) => string.Create(CultureInfo.InvariantCulture, $"{code} {text.ReplaceLineEndings(" ")}");

    private static List<RecipientOutcome> All(IEnumerable<OutboundWork> works, OutcomeKind kind, string response) =>
        works.SelectMany(w => w.Recipients).Select(r => new RecipientOutcome(r.Id, kind, response)).ToList();
}
