using System.Globalization;
using System.Security.Cryptography;

namespace Portal.Core.Delivery;

/// <summary>
/// A domain's DKIM signing key (RFC 6376), made when the domain is created. The public half is published by the admin
/// as a TXT record at <c>{Selector}._domainkey.{domain}</c> (<see cref="DnsRecord"/>).
/// </summary>
public sealed class DkimKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DomainId { get; set; }
    public required string Selector { get; set; }

    /// <summary>The RSA private key, PKCS#8 PEM.</summary>
    public required string PrivateKeyPem { get; set; }

    /// <summary>The public key, base64 SubjectPublicKeyInfo, as the TXT record's p= tag.</summary>
    public required string PublicKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string DnsRecord => $"v=DKIM1; k=rsa; p={PublicKey}";

    /// <summary>A new RSA 2048 key (RFC 8301 §3.2: at least 1024, 2048 recommended) with a dated selector.</summary>
    public static DkimKey Create(Guid domainId, DateTime nowUtc)
    {
        using var rsa = RSA.Create(2048);
        return new DkimKey
        {
            DomainId = domainId,
            Selector = "portal" + nowUtc.ToString("yyyyMM", CultureInfo.InvariantCulture),
            PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
            PublicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()),
            CreatedUtc = nowUtc,
        };
    }
}
