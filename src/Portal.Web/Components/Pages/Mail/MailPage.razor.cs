using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// The webmail: folder tree with unread counts, a virtualised message list paged and sorted on the server, and a
/// reading pane that shows sanitised HTML in a sandboxed iframe. It listens to the change notifier, so deliveries and
/// changes made by IMAP clients or other tabs show up without a reload.
/// </summary>
public sealed partial class MailPage : IDisposable
{
    private IReadOnlyList<FolderSummary> _folders = [];
    private FolderSummary? _currentFolder;
    private Virtualize<MessageListItem>? _list;
    private int _total;
    private MessageSort _sort = MessageSort.Date;
    private bool _descending = true;
    private Message? _message;
    private RenderedMessage? _rendered;
    private string _document = string.Empty;
    private bool _notFound;
    private bool _allowRemote;
    private Guid _mailboxId;
    private IDisposable? _subscription;
    private int _refreshQueued;
    private UndoMove? _undo;

    [Parameter]
    public Guid? FolderId { get; set; }

    [Parameter]
    public Guid? MessageId { get; set; }

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMessageQueries Queries { get; set; } = default!;

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    [Inject]
    private IChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _mailboxId = (await Account.GetAsync()).Id;
        _folders = await Queries.ListFoldersAsync(_mailboxId);
        _subscription = Notifier.Subscribe(_mailboxId, OnStoreChanged);
    }

    protected override async Task OnParametersSetAsync()
    {
        var folderId = FolderId ?? _folders.FirstOrDefault(f => f.Folder.Role == FolderRole.Inbox)?.Folder.Id;
        var folderChanged = _currentFolder?.Folder.Id != folderId;
        _currentFolder = _folders.FirstOrDefault(f => f.Folder.Id == folderId);
        if (folderChanged && _list is not null)
        {
            await _list.RefreshDataAsync();
        }

        await OpenMessageAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async ValueTask<ItemsProviderResult<MessageListItem>> LoadRowsAsync(ItemsProviderRequest request)
    {
        if (_currentFolder is null)
        {
            return new ItemsProviderResult<MessageListItem>([], 0);
        }

        var page = await Queries.ListPageAsync(_mailboxId, _currentFolder.Folder.Id, _sort, _descending, request.StartIndex, request.Count, request.CancellationToken);
        var total = page?.Total ?? 0;
        if (total != _total)
        {
            _total = total;
            await InvokeAsync(StateHasChanged);
        }

        return new ItemsProviderResult<MessageListItem>(page?.Items ?? [], total);
    }

    private async Task OpenMessageAsync()
    {
        _notFound = false;
        if (MessageId is not { } id)
        {
            _message = null;
            _rendered = null;
            return;
        }

        if (_message?.Id != id)
        {
            _allowRemote = false;
        }

        _message = await Queries.FindAsync(_mailboxId, id);
        if (_message is null)
        {
            _rendered = null;
            _notFound = true;
            return;
        }

        await using (var raw = await Store.OpenContentAsync(_message))
        {
            _rendered = MessageRenderer.Render(raw, _allowRemote);
        }

        _document = MessageDocument.Build(_rendered.BodyHtml, _allowRemote);
        if (!_message.Flags.HasFlag(MessageFlags.Seen))
        {
            await Store.SetFlagsAsync(_message.FolderId, [_message.Uid], MessageFlags.Seen, FlagChangeMode.Add);
            _message.Flags |= MessageFlags.Seen;
        }
    }

    private async Task AllowRemoteImagesAsync()
    {
        _allowRemote = true;
        await OpenMessageAsync();
    }

    private async Task MarkUnreadAsync()
    {
        if (_message is null)
        {
            return;
        }

        await Store.SetFlagsAsync(_message.FolderId, [_message.Uid], MessageFlags.Seen, FlagChangeMode.Remove);

        // Leave the message so that opening it again is a new read.
        Navigation.NavigateTo($"mail/{_message.FolderId}");
    }

    private async Task ToggleFlagAsync()
    {
        if (_message is null)
        {
            return;
        }

        var mode = _message.Flags.HasFlag(MessageFlags.Flagged) ? FlagChangeMode.Remove : FlagChangeMode.Add;
        await Store.SetFlagsAsync(_message.FolderId, [_message.Uid], MessageFlags.Flagged, mode);
        _message.Flags = mode == FlagChangeMode.Add ? _message.Flags | MessageFlags.Flagged : _message.Flags & ~MessageFlags.Flagged;
    }

    private async Task DeleteAsync()
    {
        // Delete moves to Trash; in Trash it removes for good.
        var trash = _folders.FirstOrDefault(f => f.Folder.Role == FolderRole.Trash)?.Folder;
        if (trash is null || trash.Id == _message?.FolderId)
        {
            await DeleteForeverAsync();
        }
        else
        {
            await MoveToAsync(trash);
        }
    }

    private async Task DeleteForeverAsync()
    {
        if (_message is null)
        {
            return;
        }

        await Store.ExpungeAsync(_message.FolderId, [_message.Uid]);
        _undo = null;
        Navigation.NavigateTo($"mail/{_message.FolderId}");
    }

    private async Task MoveToRoleAsync(FolderRole role)
    {
        if (_folders.FirstOrDefault(f => f.Folder.Role == role)?.Folder is { } target)
        {
            await MoveToAsync(target);
        }
    }

    private async Task MoveToAsync(Folder target)
    {
        if (_message is null || target.Id == _message.FolderId)
        {
            return;
        }

        var source = _message.FolderId;
        var moved = await Store.MoveAsync(source, [_message.Uid], target.Id);
        if (moved.Count == 1)
        {
            _undo = new UndoMove(target.Id, moved[0].TargetUid, source, $"Moved to {target.Name}.");
        }

        Navigation.NavigateTo($"mail/{source}");
    }

    private async Task UndoAsync()
    {
        if (_undo is not { } undo)
        {
            return;
        }

        _undo = null;
        await Store.MoveAsync(undo.TargetFolderId, [undo.TargetUid], undo.SourceFolderId);
        Navigation.NavigateTo($"mail/{undo.SourceFolderId}");
    }

    private async Task EmptyFolderAsync()
    {
        if (_currentFolder is null)
        {
            return;
        }

        var uids = (await Store.ListMessagesAsync(_currentFolder.Folder.Id)).Select(m => m.Uid).ToList();
        if (uids.Count > 0)
        {
            await Store.ExpungeAsync(_currentFolder.Folder.Id, uids);
        }

        _undo = null;
    }

    private async Task SortChangedAsync(MessageSort sort)
    {
        _sort = sort;
        if (_list is not null)
        {
            await _list.RefreshDataAsync();
        }
    }

    private async Task ToggleDirectionAsync()
    {
        _descending = !_descending;
        if (_list is not null)
        {
            await _list.RefreshDataAsync();
        }
    }

    private void OnStoreChanged(ChangeNotification notification)
    {
        // Coalesce bursts (a 100-message expunge is one refresh); runs on the circuit's dispatcher.
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            Interlocked.Exchange(ref _refreshQueued, 0);
            _folders = await Queries.ListFoldersAsync(_mailboxId);
            _currentFolder = _folders.FirstOrDefault(f => f.Folder.Id == _currentFolder?.Folder.Id) ?? _currentFolder;
            if (_list is not null)
            {
                await _list.RefreshDataAsync();
            }

            if (_message is not null && await Queries.FindAsync(_mailboxId, _message.Id) is { } fresh)
            {
                _message = fresh;
            }

            StateHasChanged();
        });
    }

    private string FolderClass(Guid folderId) => folderId == _currentFolder?.Folder.Id ? "portal-mail-folder active" : "portal-mail-folder";

    private string RowClass(MessageListItem row) =>
        "portal-mail-row" + (row.IsSeen ? string.Empty : " unread") + (row.Id == MessageId ? " selected" : string.Empty);

    /// <summary>What "Undo" puts back: the message now at <see cref="TargetUid"/> in the target folder returns to its source.</summary>
    private sealed record UndoMove(Guid TargetFolderId, long TargetUid, Guid SourceFolderId, string Description);

    private static string FormatDate(DateTime utc)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return local.Date == DateTime.UtcNow.Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB"),
    };
}
