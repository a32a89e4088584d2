using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Changes;
using Portal.Core.Devices;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Core.Security;

namespace Portal.Protocols.Imap.Session;

/// <summary>What every IMAP session uses, resolved once: the store, journal, notifier, credentials, devices, options and clock.</summary>
public sealed class ImapServices(
    IMessageStore store,
    IMailSearch search,
    IChangeJournal journal,
    IChangeNotifier notifier,
    ICredentialService credentials,
    IDeviceRegistry devices,
    IServiceScopeFactory scopes,
    IOptions<ImapOptions> options,
    TimeProvider time,
    ILogger<ImapServices> logger)
{
    public IMessageStore Store { get; } = store;
    public IMailSearch Search { get; } = search;
    public IChangeJournal Journal { get; } = journal;
    public IChangeNotifier Notifier { get; } = notifier;
    public ICredentialService Credentials { get; } = credentials;
    public IDeviceRegistry Devices { get; } = devices;
    public IServiceScopeFactory Scopes { get; } = scopes;
    public ImapOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;
}
