using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Portal.Core.Dns;

namespace Portal.Core.Delivery.Authentication;

/// <summary>Finds DKIM public keys at <c>selector._domainkey.domain</c> (RFC 6376 §3.6.2) through <see cref="IDnsResolver"/>.</summary>
public sealed class DnsDkimKeyLocator(IDnsResolver dns) : DkimPublicKeyLocatorBase
{
    // The verifier is only ever called asynchronously here; a blocking DNS lookup has no place in a mail server.
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Use LocatePublicKeyAsync.");

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        var records = await dns.ResolveTxtAsync($"{selector}._domainkey.{domain}", cancellationToken).ConfigureAwait(false);
        var record = records.FirstOrDefault(r => r.Contains("p=", StringComparison.Ordinal))
            ?? throw new FormatException($"No DKIM key for {selector}._domainkey.{domain}.");
        return GetPublicKey(record);
    }
}
