using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Devices;
using Portal.Core.Mail;
using Portal.Core.Security;

namespace Portal.Protocols.Pop3.Session;

/// <summary>What every POP3 session uses, resolved once.</summary>
public sealed class Pop3Services(
    IMessageStore store,
    ICredentialService credentials,
    IDeviceRegistry devices,
    IServiceScopeFactory scopes,
    IOptions<Pop3Options> options,
    MaildropLocks locks,
    TimeProvider time,
    ILogger<Pop3Services> logger)
{
    public IMessageStore Store { get; } = store;
    public ICredentialService Credentials { get; } = credentials;
    public IDeviceRegistry Devices { get; } = devices;
    public IServiceScopeFactory Scopes { get; } = scopes;
    public Pop3Options Options { get; } = options.Value;
    public MaildropLocks Locks { get; } = locks;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;
}
