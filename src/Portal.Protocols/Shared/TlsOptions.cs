namespace Portal.Protocols.Shared;

/// <summary>The certificate for STARTTLS, implicit TLS and HTTPS. Without paths, a self-signed one is made in the data directory.</summary>
public sealed class TlsOptions
{
    public const string SectionName = "Portal:Tls";

    /// <summary>PEM certificate (chain) file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The host name put in a generated certificate.</summary>
    public string HostName { get; set; } = "localhost";
}
