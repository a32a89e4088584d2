using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.JSInterop;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// The webmail: folder tree, a virtualised message list paged and sorted on the server (or grouped into
/// conversations), multi-select with bulk actions, drag and drop onto folders, keyboard shortcuts, and a reading pane
/// that shows sanitised HTML in a sandboxed iframe. It listens to the change notifier, so deliveries and changes made
/// by IMAP clients or other tabs show up without a reload.
/// </summary>
public sealed partial class MailPage : IAsyncDisposable
{
    private IReadOnlyList<FolderSummary> _folders = [];
    private FolderSummary? _currentFolder;
    private Virtualize<ListRow>? _list;
    private ElementReference _rowsElement;
    private int _total;
    private MessageSort _sort = MessageSort.Date;
    private bool _descending = true;
    private bool _threaded;
    private IReadOnlyList<ConversationEntry>? _conversationOrder;
    private Message? _message;
    private RenderedMessage? _rendered;
    private string _document = string.Empty;
    private bool _notFound;
    private bool _allowRemote;
    private bool _allowedSender;
    private Guid _mailboxId;
    private IDisposable? _subscription;
    private int _refreshQueued;

    [Parameter]
    public Guid? FolderId { get; set; }

    [Parameter]
    public Guid? MessageId { get; set; }

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMessageQueries Queries { get; set; } = default!;

    [Inject]
    private IConversationQueries Conversations { get; set; } = default!;

    [Inject]
    private IRemoteImageSenders ImageSenders { get; set; } = default!;

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    [Inject]
    private IChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ILogger<MailPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        using var activity = WebmailTelemetry.Source.StartActivity(WebmailTelemetry.LoadFolders);
        _mailboxId = (await Account.GetAsync()).Id;
        _folders = await Queries.ListFoldersAsync(_mailboxId);
        _subscription = Notifier.Subscribe(_mailboxId, OnStoreChanged);
    }

    protected override async Task OnParametersSetAsync()
    {
        var folderId = FolderId ?? _folders.FirstOrDefault(f => f.Folder.Role == FolderRole.Inbox)?.Folder.Id;
        var folderChanged = _currentFolder?.Folder.Id != folderId;
        _currentFolder = _folders.FirstOrDefault(f => f.Folder.Id == folderId);
        if (folderChanged)
        {
            ClearSelection();
            _cursor = -1;
            await RefreshListAsync();
        }

        await OpenMessageAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await AttachShortcutsAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await DetachShortcutsAsync();
    }

    private async ValueTask<ItemsProviderResult<ListRow>> LoadRowsAsync(ItemsProviderRequest request)
    {
        if (_currentFolder is null)
        {
            return new ItemsProviderResult<ListRow>([], 0);
        }

        using var activity = WebmailTelemetry.Source.StartActivity(WebmailTelemetry.LoadRows);
        var (rows, total) = IsSearching
            ? await LoadSearchRowsAsync(request.StartIndex, request.Count, request.CancellationToken)
            : _threaded
            ? await LoadConversationRowsAsync(request.StartIndex, request.Count, request.CancellationToken)
            : await LoadSortedRowsAsync(request.StartIndex, request.Count, request.CancellationToken);
        // Only the window the list shows stays in the circuit: scrolling through a 100,000-message folder must not
        // pile its rows up here. "All shown" and shift-click ranges load what is not kept.
        var end = request.StartIndex + request.Count;
        foreach (var index in _shown.Keys.Where(i => i < request.StartIndex || i >= end).ToList())
        {
            _shown.Remove(index);
        }

        foreach (var row in rows)
        {
            _shown[row.Index] = row;
        }

        if (total != _total)
        {
            _total = total;
            await InvokeAsync(StateHasChanged);
        }

        return new ItemsProviderResult<ListRow>(rows, total);
    }

    private async Task<(IReadOnlyList<ListRow> Rows, int Total)> LoadSortedRowsAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var page = await Queries.ListPageAsync(_mailboxId, _currentFolder!.Folder.Id, _sort, _descending, skip, take, cancellationToken);
        var rows = (page?.Items ?? []).Select((item, i) => new ListRow(skip + i, item, 0, 1, true)).ToList();
        return (rows, page?.Total ?? 0);
    }

    private async Task<(IReadOnlyList<ListRow> Rows, int Total)> LoadConversationRowsAsync(int skip, int take, CancellationToken cancellationToken)
    {
        _conversationOrder ??= await Conversations.ListConversationOrderAsync(_mailboxId, _currentFolder!.Folder.Id, cancellationToken) ?? [];
        var order = _conversationOrder;
        var slice = order.Skip(skip).Take(take).ToList();
        var items = (await Conversations.ListItemsAsync(_mailboxId, slice.Select(e => e.MessageId).ToList(), cancellationToken)).ToDictionary(i => i.Id);
        var rows = slice.Select((entry, i) => (entry, i))
            .Where(x => items.ContainsKey(x.entry.MessageId))
            .Select(x => new ListRow(skip + x.i, items[x.entry.MessageId], x.entry.Conversation, x.entry.ConversationSize, x.entry.FirstInConversation))
            .ToList();
        return (rows, order.Count);
    }

    /// <summary>Reloads the list from the store (counts, order and rows), forgetting what was shown.</summary>
    private async Task RefreshListAsync()
    {
        _shown.Clear();
        _conversationOrder = null;
        if (_list is not null)
        {
            await _list.RefreshDataAsync();
        }
    }

    private async Task OpenMessageAsync()
    {
        _notFound = false;
        if (MessageId is not { } id)
        {
            _message = null;
            _rendered = null;
            _document = string.Empty;
            return;
        }

        if (_message?.Id != id)
        {
            _allowRemote = false;
        }

        using var activity = WebmailTelemetry.Source.StartActivity(WebmailTelemetry.OpenMessage);
        _message = await Queries.FindAsync(_mailboxId, id);
        if (_message is null)
        {
            _rendered = null;
            _document = string.Empty;
            _notFound = true;
            Web.Mail.WebmailLog.MessageNotFound(Logger, _mailboxId, id);
            return;
        }

        _allowedSender = await ImageSenders.IsAllowedAsync(_mailboxId, _message.From);
        RenderedMessage rendered;
        await using (var raw = await Store.OpenContentAsync(_message))
        {
            rendered = MessageRenderer.Render(raw, _allowRemote || _allowedSender);
        }

        // The body lives on in the iframe's document only: the circuit keeps one copy of it, not two.
        _document = MessageDocument.Build(rendered.BodyHtml, _allowRemote || _allowedSender);
        _rendered = rendered with { BodyHtml = string.Empty };
        if (!_message.Flags.HasFlag(MessageFlags.Seen))
        {
            await Store.SetFlagsAsync(_message.FolderId, [_message.Uid], MessageFlags.Seen, FlagChangeMode.Add);
            _message.Flags |= MessageFlags.Seen;
        }
    }

    private async Task AllowRemoteImagesAsync(RemoteImageScope scope)
    {
        if (scope == RemoteImageScope.Sender && _message is not null)
        {
            await ImageSenders.AllowAsync(_mailboxId, _message.From);
        }

        _allowRemote = true;
        await OpenMessageAsync();
    }

    private async Task SortChangedAsync(MessageSort sort)
    {
        _sort = sort;
        await RefreshListAsync();
    }

    private async Task ToggleDirectionAsync()
    {
        _descending = !_descending;
        await RefreshListAsync();
    }

    private async Task ThreadedChangedAsync(bool threaded)
    {
        _threaded = threaded;
        ClearSelection();
        await RefreshListAsync();
    }

    private void OnStoreChanged(ChangeNotification notification)
    {
        // Coalesce bursts (a 100-message expunge is one refresh); runs on the circuit's dispatcher.
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 1)
        {
            return;
        }

        // Not on the publisher's thread: it is a store write (often still holding SQLite's write gate), and an idle
        // circuit's dispatcher would run the whole refresh, queries and render, inline inside it.
        _ = Task.Run(() => InvokeAsync(async () =>
        {
            Interlocked.Exchange(ref _refreshQueued, 0);
            _folders = await Queries.ListFoldersAsync(_mailboxId);
            var current = _folders.FirstOrDefault(f => f.Folder.Id == _currentFolder?.Folder.Id);
            if (current is null && _currentFolder is not null)
            {
                // The folder shown was deleted (here, in another tab or by an IMAP client).
                Navigation.NavigateTo("mail");
                return;
            }

            _currentFolder = current;
            await RefreshListAsync();
            if (_message is not null && await Queries.FindAsync(_mailboxId, _message.Id) is { } fresh)
            {
                _message = fresh;
            }

            StateHasChanged();
        }));
    }

    /// <summary>Where a row leads: the reading pane, or for a message in Drafts the composer, which resumes it.</summary>
    private string RowHref(MessageListItem item) =>
        _folders.Any(f => f.Folder.Id == item.FolderId && f.Folder.Role == FolderRole.Drafts)
            ? $"mail/compose?draft={item.Id}"
            : $"mail/{item.FolderId}/{item.Id}";

    private string RowClass(ListRow row) =>
        "portal-mail-row" + (row.Item.IsSeen ? string.Empty : " unread") + (row.Item.Id == MessageId ? " selected" : string.Empty)
        + (_selected.ContainsKey(row.Item.Id) ? " checked" : string.Empty) + (row.Index == _cursor ? " cursor" : string.Empty)
        + (row.FirstInConversation ? string.Empty : " reply");

    /// <summary>A row of the list: the message, its position, and (in conversation view) its conversation.</summary>
    private sealed record ListRow(int Index, MessageListItem Item, int Conversation, int ConversationSize, bool FirstInConversation);

    private static string FormatDate(DateTime utc)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return local.Date == DateTime.UtcNow.Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
