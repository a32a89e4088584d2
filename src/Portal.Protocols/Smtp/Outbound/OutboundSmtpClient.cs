using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using Portal.Core.Delivery;

namespace Portal.Protocols.Smtp.Outbound;

/// <summary>
/// MailKit's client, told to record a refused recipient instead of abandoning the whole message, and to pass each
/// recipient's DSN NOTIFY and the ENVID on (RFC 3461) when the remote server offers DSN.
/// </summary>
internal sealed class OutboundSmtpClient : SmtpClient
{
    public Dictionary<string, SmtpResponse> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public OutboundWork? Current { get; set; }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        Refused[mailbox.Address] = response;
    }

    protected override void OnNoRecipientsAccepted(MimeMessage message) =>
        throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "No recipient was accepted");

    protected override string? GetEnvelopeId(MimeMessage message) => Current?.Message.EnvelopeId;

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox)
    {
        var notify = Current?.Recipients.FirstOrDefault(r => string.Equals(r.Address, mailbox?.Address, StringComparison.OrdinalIgnoreCase))?.Notify;
        if (notify is null)
        {
            return null;
        }

        var result = default(DeliveryStatusNotification);
        foreach (var word in notify.Split(','))
        {
            result |= word.Trim().ToUpperInvariant() switch
            {
                "SUCCESS" => DeliveryStatusNotification.Success,
                "FAILURE" => DeliveryStatusNotification.Failure,
                "DELAY" => DeliveryStatusNotification.Delay,
                _ => DeliveryStatusNotification.Never,
            };
        }

        return result;
    }
}
