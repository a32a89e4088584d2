using System.Collections.Concurrent;
using System.Net;
using Portal.Core.Security;

namespace Portal.Benchmarks;

/// <summary>
/// Benchmark only: remembers a successful password check so that opening 10,000 sessions measures IDLE, not 10,000
/// runs of the password hasher (each deliberately slow). Every first check goes through the real service.
/// </summary>
internal sealed class CachedCredentials(ICredentialService inner) : ICredentialService
{
    private readonly ConcurrentDictionary<(string, string), Task<CredentialResult>> _verified = new();

    public Task<CredentialResult> VerifyAsync(string userName, string password, IPAddress? remoteAddress, string protocol, CancellationToken cancellationToken = default) =>
        _verified.GetOrAdd((userName, password), _ => inner.VerifyAsync(userName, password, remoteAddress, protocol, cancellationToken));
}
