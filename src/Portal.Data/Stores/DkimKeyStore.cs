using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;

namespace Portal.Data.Stores;

/// <summary>DKIM keys in the store's database; see <see cref="IDkimKeyStore"/>.</summary>
public sealed class DkimKeyStore(IDbContextFactory<PortalDbContext> contexts) : IDkimKeyStore
{
    public async Task<DkimKey?> FindAsync(string domain, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Domains.AsNoTracking().Where(d => d.Name == domain && d.Enabled)
            .Join(db.DkimKeys.AsNoTracking(), d => d.Id, k => k.DomainId, (_, k) => k)
            .OrderByDescending(k => k.CreatedUtc).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
