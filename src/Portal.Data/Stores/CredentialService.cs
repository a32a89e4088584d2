using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using Portal.Data.Identity;

namespace Portal.Data.Stores;

/// <summary>
/// Verifies passwords for every protocol. Per account: Identity's failure count and lockout. Per remote address:
/// an in-memory window (<see cref="AddressThrottle"/>). An unknown user costs the same hash work as a known one.
/// </summary>
public sealed partial class CredentialService : ICredentialService
{
    /// <summary>The protocol name the portal's sign-in form passes; it alone may use the account password under two-factor sign-in.</summary>
    public const string WebProtocol = "Web";

    private readonly IServiceScopeFactory _scopes;
    private readonly AddressThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger<CredentialService> _log;
    private readonly PasswordHasher<PortalUser> _hasher = new();
    private readonly string _dummyHash;

    public CredentialService(IServiceScopeFactory scopes, IOptions<SecurityOptions> options, TimeProvider time, ILogger<CredentialService> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _time = time;
        _log = log;
        _throttle = new AddressThrottle(time, options.Value.MaxFailedAttemptsPerAddress, options.Value.AddressWindow);
        _dummyHash = _hasher.HashPassword(new PortalUser(), Guid.NewGuid().ToString());
    }

    public async Task<CredentialResult> VerifyAsync(string userName, string password, IPAddress? remoteAddress, string protocol, CancellationToken cancellationToken = default)
    {
        if (_throttle.IsThrottled(remoteAddress))
        {
            LogThrottled(protocol, remoteAddress);
            return new CredentialResult(CredentialOutcome.Throttled);
        }

        var address = AddressSyntax.NormalizeAddress(userName);
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = address is null ? null : await users.FindByNameAsync(address).ConfigureAwait(false);
        if (user is null)
        {
            _hasher.VerifyHashedPassword(new PortalUser(), _dummyHash, password);
            return Fail(protocol, remoteAddress, address ?? "(invalid)");
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            _throttle.RecordFailure(remoteAddress);
            LogLockedOut(protocol, address!, remoteAddress);
            return new CredentialResult(CredentialOutcome.LockedOut);
        }

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var mailbox = await db.Mailboxes.AsNoTracking().Where(m => m.Id == user.Id).Select(m => new { m.Enabled }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var viaAppPassword = false;
        var requireAppPassword = false;
        var ok = await users.CheckPasswordAsync(user, password).ConfigureAwait(false);
        // With two-factor sign-in on, mail clients must use an app password: the account password alone is one factor.
        if (ok && user.TwoFactorEnabled && !string.Equals(protocol, WebProtocol, StringComparison.Ordinal))
        {
            ok = false;
            requireAppPassword = true;
        }

        if (!ok)
        {
            var appPasswords = await db.AppPasswords.Where(a => a.UserId == user.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var match = appPasswords.FirstOrDefault(a => _hasher.VerifyHashedPassword(user, a.PasswordHash, password) != PasswordVerificationResult.Failed);
            if (match is not null)
            {
                match.LastUsedUtc = _time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                ok = viaAppPassword = true;
            }
        }

        if (!ok && requireAppPassword)
        {
            LogAppPasswordRequired(protocol, address!, remoteAddress);
            return new CredentialResult(CredentialOutcome.AppPasswordRequired);
        }

        if (!ok)
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            return Fail(protocol, remoteAddress, address!);
        }

        if (mailbox is { Enabled: false })
        {
            return new CredentialResult(CredentialOutcome.Disabled);
        }

        if (user.AccessFailedCount > 0)
        {
            await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        }

        _throttle.RecordSuccess(remoteAddress);
        return new CredentialResult(CredentialOutcome.Success, mailbox is null ? null : user.Id, address, viaAppPassword);
    }

    /// <summary>Hashes an app password the same way account passwords are hashed.</summary>
    public string HashAppPassword(string password) => _hasher.HashPassword(new PortalUser(), password);

    private CredentialResult Fail(string protocol, IPAddress? remoteAddress, string address)
    {
        _throttle.RecordFailure(remoteAddress);
        LogFailed(protocol, address, remoteAddress);
        return new CredentialResult(CredentialOutcome.InvalidCredentials);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "{Protocol}: failed sign-in for {Address} from {Remote}")]
    private partial void LogFailed(string protocol, string address, IPAddress? remote);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Protocol}: sign-in for locked-out {Address} from {Remote}")]
    private partial void LogLockedOut(string protocol, string address, IPAddress? remote);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Protocol}: {Address} from {Remote} used the account password; two-factor sign-in requires an app password")]
    private partial void LogAppPasswordRequired(string protocol, string address, IPAddress? remote);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Protocol}: sign-in refused, {Remote} is throttled")]
    private partial void LogThrottled(string protocol, IPAddress? remote);
}
