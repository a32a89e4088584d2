using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Changes;
using Portal.Core.Devices;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Core.Security;

namespace Portal.Protocols.Imap.Session;

/// <summary>What every IMAP session uses, resolved once: the store, journal, notifier, the shared folder states, credentials, devices, options and clock.</summary>
public sealed class ImapServices(
    IMessageStore store,
    IMailSearch search,
    IChangeJournal journal,
    IChangeNotifier notifier,
    FolderStateCache states,
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

    /// <summary>Per-folder message states shared by the sessions that select the folder.</summary>
    public FolderStateCache States { get; } = states;

    /// <summary>ENVELOPE/BODY/BODYSTRUCTURE answers by blob, shared by every session.</summary>
    internal StructureCache Structures { get; } = new(options.Value.StructureCacheMessages);

    public ICredentialService Credentials { get; } = credentials;
    public IDeviceRegistry Devices { get; } = devices;
    public IServiceScopeFactory Scopes { get; } = scopes;
    public ImapOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;

    /// <summary>
    /// One journal read per (folder, known MODSEQ, notified change) shared by every IDLE session woken by the same
    /// commit: thousands of sessions on one folder cost one query, not thousands.
    /// </summary>
    public ConcurrentDictionary<(Guid Folder, long Since, long Target), Task<ChangeSet>> SharedChanges { get; } = new();

    public Task<ChangeSet> SharedChangesSinceAsync(Guid folderId, long since, long target)
    {
        var key = (folderId, since, target);
        return SharedChanges.GetOrAdd(key, k => FetchAsync(k));

        async Task<ChangeSet> FetchAsync((Guid Folder, long Since, long Target) k)
        {
            try
            {
                // Not the caller's token: other sessions wait on the same read.
                return await Journal.ChangesSinceAsync(k.Folder, k.Since, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Kept briefly so that sessions woken a little later still share it, then dropped.
                _ = Task.Delay(TimeSpan.FromSeconds(5), Time).ContinueWith(_ => SharedChanges.TryRemove(k, out Task<ChangeSet>? _), TaskScheduler.Default);
            }
        }
    }
}
