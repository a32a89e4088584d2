using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Hosting;
using Portal.Protocols.Shared;
using Portal.Testing;

namespace Portal.Protocols.Tests.Shared;

public sealed class TlsCertificateProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_self_signed_certificate_is_made_once_and_reused()
    {
        var first = Provider(new TlsOptions { HostName = "mail.example.test" }).Certificate;
        var second = Provider(new TlsOptions { HostName = "mail.example.test" }).Certificate;

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(first.HasPrivateKey);
        Assert.Equal("CN=mail.example.test", first.Subject);
        Assert.Equal(_time.GetUtcNow().AddYears(2).UtcDateTime, first.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.True(File.Exists(Path.Combine(_directory.Path, "tls", "key.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory.Path, "tls", "key.pem")));
        }
    }

    [Fact]
    public void Configured_pem_files_are_used_as_given()
    {
        var generated = Provider(new TlsOptions { HostName = "given.example.test" }).Certificate;
        var certPath = Path.Combine(_directory.Path, "given-cert.pem");
        var keyPath = Path.Combine(_directory.Path, "given-key.pem");
        File.Copy(Path.Combine(_directory.Path, "tls", "certificate.pem"), certPath);
        File.Copy(Path.Combine(_directory.Path, "tls", "key.pem"), keyPath);
        Directory.Delete(Path.Combine(_directory.Path, "tls"), recursive: true);

        var loaded = Provider(new TlsOptions { CertificatePath = certPath, KeyPath = keyPath }).Certificate;

        Assert.Equal(generated.Thumbprint, loaded.Thumbprint);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "tls")));
    }

    [Fact]
    public void Listener_settings_refuse_clashing_ports_and_bad_addresses()
    {
        var options = new ProtocolListenersOptions { BindAddress = "not-an-ip" };
        options.Pop3.Port = options.Imap.Port;
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("BindAddress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Imap and Pop3", StringComparison.Ordinal));
        Assert.Empty(new ProtocolListenersOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }

    public void Dispose() => _directory.Dispose();

    private TlsCertificateProvider Provider(TlsOptions tls) =>
        new(Options.Create(tls), Options.Create(new PortalOptions { DataDirectory = _directory.Path }), _time);
}
