using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;

namespace Portal.Protocols.Shared;

/// <summary>
/// Loads the configured PEM certificate, or makes a self-signed one (RSA 2048, two years) under
/// <c>{DataDirectory}/tls/</c> on first start and reuses it after, so clients that pinned it keep trusting it.
/// </summary>
public sealed class TlsCertificateProvider(IOptions<TlsOptions> tls, IOptions<PortalOptions> portal, TimeProvider time)
{
    private readonly Lazy<X509Certificate2> _certificate = new(() => Load(tls.Value, portal.Value, time));

    public X509Certificate2 Certificate => _certificate.Value;

    private static X509Certificate2 Load(TlsOptions tls, PortalOptions portal, TimeProvider time)
    {
        string certPath, keyPath;
        if (!string.IsNullOrWhiteSpace(tls.CertificatePath) && !string.IsNullOrWhiteSpace(tls.KeyPath))
        {
            certPath = tls.CertificatePath;
            keyPath = tls.KeyPath;
        }
        else
        {
            var folder = Path.Combine(portal.DataDirectoryFullPath, "tls");
            certPath = Path.Combine(folder, "certificate.pem");
            keyPath = Path.Combine(folder, "key.pem");
            if (!File.Exists(certPath) || !File.Exists(keyPath))
            {
                Directory.CreateDirectory(folder);
                Generate(tls.HostName, certPath, keyPath, time);
            }
        }

        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);

        // Export and re-import so that SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static void Generate(string hostName, string certPath, string keyPath, TimeProvider time)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));

        var keyTemp = keyPath + ".tmp";
        File.WriteAllText(keyTemp, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyTemp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(keyTemp, keyPath, overwrite: true);
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
    }
}
