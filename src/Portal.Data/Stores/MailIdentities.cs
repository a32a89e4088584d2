using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail.Compose;

namespace Portal.Data.Stores;

/// <summary>A mailbox's display name and signature, on its row.</summary>
public sealed class MailIdentities(IDbContextFactory<PortalDbContext> contexts, WriteGate gate) : IMailIdentities
{
    public async Task<MailIdentity?> GetAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Mailboxes.AsNoTracking().Where(m => m.Id == mailboxId)
            .Select(m => new MailIdentity(m.Address, m.DisplayName, m.Signature, m.SignatureIsHtml))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetAsync(Guid mailboxId, string? displayName, string? signature, bool signatureIsHtml, CancellationToken cancellationToken = default)
    {
        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        signature = string.IsNullOrWhiteSpace(signature) ? null : signature.ReplaceLineEndings("\n").TrimEnd();
        if (MailIdentity.Validate(displayName, signature) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        // What is stored is what will be sent: an HTML signature is kept only in its sanitized form.
        if (signature is not null && signatureIsHtml)
        {
            signature = ComposeHtml.Sanitize(signature);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var updated = await db.Mailboxes.Where(m => m.Id == mailboxId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.DisplayName, displayName).SetProperty(m => m.Signature, signature).SetProperty(m => m.SignatureIsHtml, signatureIsHtml),
            cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new ArgumentException("There is no such mailbox.");
        }
    }
}
