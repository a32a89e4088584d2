using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Portal.Core.Delivery;

namespace Portal.Protocols.Smtp.Outbound;

/// <summary>
/// Signs outgoing mail whose From domain is ours with that domain's key (RFC 6376, rsa-sha256, relaxed/relaxed). The
/// message is first put in 7-bit form, so that no later re-encoding by the client can break the body hash.
/// </summary>
internal sealed class DkimSigning(IDkimKeyStore keys)
{
    private static readonly HeaderId[] Signed =
    [
        HeaderId.From, HeaderId.Sender, HeaderId.ReplyTo, HeaderId.To, HeaderId.Cc, HeaderId.Subject, HeaderId.Date,
        HeaderId.MessageId, HeaderId.InReplyTo, HeaderId.References, HeaderId.MimeVersion, HeaderId.ContentType,
        HeaderId.ContentTransferEncoding,
    ];

    public async Task SignAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var domain = message.From.Mailboxes.FirstOrDefault()?.Domain;
        if (string.IsNullOrEmpty(domain))
        {
            return;
        }

        var key = await keys.FindAsync(Portal.Core.Tenancy.AddressSyntax.NormalizeDomain(domain) ?? domain, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return;
        }

        using var pem = new MemoryStream(Encoding.ASCII.GetBytes(key.PrivateKeyPem));
        var signer = new DkimSigner(pem, domain.ToLowerInvariant(), key.Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, Signed.Where(h => message.Headers.Contains(h) || h == HeaderId.From).ToList());
    }
}
