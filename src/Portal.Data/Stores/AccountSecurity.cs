using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Security;
using Portal.Data.Identity;

namespace Portal.Data.Stores;

/// <summary>Identity's own two-factor machinery (authenticator key, recovery codes) plus our app passwords. Scoped.</summary>
public sealed class AccountSecurity(PortalDbContext db, UserManager<PortalUser> users, TimeProvider time) : IAccountSecurity
{
    private const int RecoveryCodes = 10;
    private static readonly PasswordHasher<PortalUser> Hasher = new();

    public async Task<SecurityState> GetStateAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        var appPasswords = await db.AppPasswords.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.CreatedUtc)
            .Select(a => new AppPasswordInfo(a.Id, a.Name, a.CreatedUtc, a.LastUsedUtc)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SecurityState(user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user).ConfigureAwait(false), appPasswords);
    }

    public async Task<IReadOnlyList<string>> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        return result.Succeeded ? [] : result.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description).ToList();
    }

    public async Task<TwoFactorSetup> BeginTwoFactorAsync(Guid userId, string issuer, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) ?? throw new InvalidOperationException("No authenticator key was made.");
        var label = Uri.EscapeDataString($"{issuer}:{user.UserName}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        return new TwoFactorSetup(FormatKey(key), uri);
    }

    public async Task<IReadOnlyList<string>?> EnableTwoFactorAsync(Guid userId, string code, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        var clean = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean).ConfigureAwait(false))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes).ConfigureAwait(false))?.ToList() ?? [];
    }

    public async Task DisableTwoFactorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        await db.AppPasswords.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(AppPasswordInfo Info, string Password)> CreateAppPasswordAsync(Guid userId, string name, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId).ConfigureAwait(false);
        if (!user.TwoFactorEnabled)
        {
            throw new AccountSecurityException("Turn on two-factor sign-in before creating app passwords.");
        }

        var trimmed = string.IsNullOrWhiteSpace(name) ? "Mail client" : name.Trim();
        if (trimmed.Length > 200)
        {
            throw new AccountSecurityException("The name is too long.");
        }

        var password = NewAppPassword();
        var entity = new AppPassword { UserId = userId, Name = trimmed, PasswordHash = Hasher.HashPassword(user, password), CreatedUtc = time.GetUtcNow().UtcDateTime };
        db.AppPasswords.Add(entity);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (new AppPasswordInfo(entity.Id, entity.Name, entity.CreatedUtc, null), password);
    }

    public async Task<bool> RevokeAppPasswordAsync(Guid userId, Guid appPasswordId, CancellationToken cancellationToken = default) =>
        await db.AppPasswords.Where(a => a.Id == appPasswordId && a.UserId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Four groups of four lower-case letters: 80 bits, easy to type on a phone.</summary>
    private static string NewAppPassword()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var builder = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(letters[RandomNumberGenerator.GetInt32(letters.Length)]);
        }

        return builder.ToString();
    }

    private static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().TrimEnd().ToLowerInvariant();
    }

    private async Task<PortalUser> FindAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()).ConfigureAwait(false) ?? throw new AccountSecurityException("Unknown account.");
}
