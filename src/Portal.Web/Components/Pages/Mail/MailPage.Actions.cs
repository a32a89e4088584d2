using MudBlazor;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// What the reader does to messages: on the selection when there is one, otherwise on the open message (or the row
/// under the keyboard cursor). Every change goes through <see cref="IMessageStore"/>, so IMAP clients see it at once.
/// </summary>
public sealed partial class MailPage
{
    private UndoMove? _undo;
    private string? _actionError;

    [Microsoft.AspNetCore.Components.Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<Target> Targets()
    {
        if (_selected.Count > 0)
        {
            return _selected.Values.Select(Target.Of).ToList();
        }

        if (_message is not null)
        {
            return [new Target(_message.Id, _message.FolderId, _message.Uid)];
        }

        return _shown.TryGetValue(_cursor, out var row) ? [Target.Of(row.Item)] : [];
    }

    private async Task SetSeenAsync(bool seen)
    {
        var targets = Targets();
        await SetFlagAsync(targets, MessageFlags.Seen, seen);
        if (!seen && _message is not null && targets.Any(t => t.Id == _message.Id))
        {
            // Leave the message so that opening it again is a new read.
            Navigation.NavigateTo($"mail/{_message.FolderId}");
        }
    }

    private Task SetFlaggedAsync(bool flagged) => SetFlagAsync(Targets(), MessageFlags.Flagged, flagged);

    private async Task ToggleFlagAsync()
    {
        var flagged = _selected.Count > 0 ? _selected.Values.All(m => m.IsFlagged)
            : _message is not null ? _message.Flags.HasFlag(MessageFlags.Flagged)
            : _shown.TryGetValue(_cursor, out var row) && row.Item.IsFlagged;
        await SetFlaggedAsync(!flagged);
    }

    private async Task SetFlagAsync(IReadOnlyList<Target> targets, MessageFlags flag, bool on)
    {
        var mode = on ? FlagChangeMode.Add : FlagChangeMode.Remove;
        foreach (var group in targets.GroupBy(t => t.FolderId))
        {
            await Store.SetFlagsAsync(group.Key, group.Select(t => t.Uid).ToList(), flag, mode);
        }

        if (_message is not null && targets.Any(t => t.Id == _message.Id))
        {
            _message.Flags = on ? _message.Flags | flag : _message.Flags & ~flag;
        }

        WebmailLog.MessagesChanged(Logger, _mailboxId, $"{mode} {flag} on", targets.Count);
        ClearSelection();
    }

    private async Task MoveToRoleAsync(FolderRole role)
    {
        if (_folders.FirstOrDefault(f => f.Folder.Role == role)?.Folder is { } target)
        {
            await MoveToAsync(target);
        }
        else
        {
            _actionError = $"This mailbox has no {role} folder.";
        }
    }

    private Task MoveToAsync(Folder target) => MoveAsync(Targets(), target);

    private async Task MoveAsync(IReadOnlyList<Target> targets, Folder target)
    {
        var moving = targets.Where(t => t.FolderId != target.Id).ToList();
        if (moving.Count == 0)
        {
            return;
        }

        var moves = new List<UndoStep>();
        foreach (var group in moving.GroupBy(t => t.FolderId))
        {
            var moved = await Store.MoveAsync(group.Key, group.Select(t => t.Uid).ToList(), target.Id);
            moves.Add(new UndoStep(target.Id, moved.Select(m => m.TargetUid).ToList(), group.Key));
        }

        var count = moves.Sum(m => m.TargetUids.Count);
        _undo = new UndoMove(moves, count == 1 ? $"Moved to {target.Name}." : $"Moved {count} messages to {target.Name}.");
        WebmailLog.MessagesChanged(Logger, _mailboxId, $"moved to {target.Name}", count);
        await LeaveIfAmongAsync(moving);
    }

    private async Task DeleteAsync()
    {
        // Delete moves to Trash; in Trash it removes for good.
        var trash = _folders.FirstOrDefault(f => f.Folder.Role == FolderRole.Trash)?.Folder;
        var targets = Targets();
        if (trash is null || targets.All(t => t.FolderId == trash.Id))
        {
            await DeleteForeverAsync();
        }
        else
        {
            await MoveAsync(targets, trash);
        }
    }

    private async Task DeleteForeverAsync()
    {
        var targets = Targets();
        if (targets.Count == 0)
        {
            return;
        }

        var what = targets.Count == 1 ? "this message" : $"these {targets.Count} messages";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete permanently?", $"Delete {what} for good? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        foreach (var group in targets.GroupBy(t => t.FolderId))
        {
            await Store.ExpungeAsync(group.Key, group.Select(t => t.Uid).ToList());
        }

        _undo = null;
        WebmailLog.MessagesChanged(Logger, _mailboxId, "deleted for good", targets.Count);
        await LeaveIfAmongAsync(targets);
    }

    private async Task UndoAsync()
    {
        if (_undo is not { } undo)
        {
            return;
        }

        _undo = null;
        foreach (var step in undo.Steps)
        {
            await Store.MoveAsync(step.TargetFolderId, step.TargetUids, step.SourceFolderId);
        }

        WebmailLog.MessagesChanged(Logger, _mailboxId, "undid a move of", undo.Steps.Sum(s => s.TargetUids.Count));
        if (_currentFolder is not null)
        {
            Navigation.NavigateTo($"mail/{_currentFolder.Folder.Id}");
        }
    }

    private async Task EmptyFolderAsync()
    {
        if (_currentFolder is null)
        {
            return;
        }

        var uids = (await Store.ListSummariesAsync(_currentFolder.Folder.Id)).Select(m => m.Uid).ToList();
        if (uids.Count > 0)
        {
            await Store.ExpungeAsync(_currentFolder.Folder.Id, uids);
        }

        _undo = null;
        ClearSelection();
    }

    private Task ReadingActionAsync(ReadingAction action) => action switch
    {
        ReadingAction.MarkUnread => SetSeenAsync(false),
        ReadingAction.ToggleFlag => ToggleFlagAsync(),
        ReadingAction.Archive => MoveToRoleAsync(FolderRole.Archive),
        ReadingAction.Junk => MoveToRoleAsync(FolderRole.Junk),
        ReadingAction.Delete => DeleteAsync(),
        ReadingAction.DeleteForever => DeleteForeverAsync(),
        _ => Task.CompletedTask,
    };

    /// <summary>After a move or delete: close the reading pane when its message went, and forget the selection.</summary>
    private async Task LeaveIfAmongAsync(IReadOnlyList<Target> gone)
    {
        ClearSelection();
        if (_message is not null && gone.Any(t => t.Id == _message.Id))
        {
            Navigation.NavigateTo($"mail/{_message.FolderId}");
        }
        else
        {
            await RefreshListAsync();
        }
    }

    /// <summary>A message acted on: its id and where it is.</summary>
    private sealed record Target(Guid Id, Guid FolderId, long Uid)
    {
        public static Target Of(MessageListItem item) => new(item.Id, item.FolderId, item.Uid);
    }

    /// <summary>Messages now at <see cref="TargetUids"/> in the target folder that "Undo" returns to their source.</summary>
    private sealed record UndoStep(Guid TargetFolderId, IReadOnlyList<long> TargetUids, Guid SourceFolderId);

    private sealed record UndoMove(IReadOnlyList<UndoStep> Steps, string Description);
}
