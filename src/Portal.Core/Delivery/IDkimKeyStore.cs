namespace Portal.Core.Delivery;

/// <summary>DKIM keys of local domains.</summary>
public interface IDkimKeyStore
{
    /// <summary>The key of a local domain (lower-case ASCII name); null when the domain is not ours or has none.</summary>
    Task<DkimKey?> FindAsync(string domain, CancellationToken cancellationToken = default);
}
