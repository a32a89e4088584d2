using System.Net;

namespace Portal.Core.Security;

/// <summary>
/// The one place every protocol verifies a password: the account password (Identity's hasher) or an app password,
/// with per-account lockout and per-address throttling. Failures do not say which part was wrong.
/// </summary>
public interface ICredentialService
{
    Task<CredentialResult> VerifyAsync(string userName, string password, IPAddress? remoteAddress, string protocol, CancellationToken cancellationToken = default);
}
