using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// The folder tree: hierarchy with unread counts and special-use icons; create, rename, move and delete through
/// <see cref="IMessageStore"/> (the same operations IMAP clients use, so they see the result at once); a drop target
/// for messages dragged from the list. The store's refusals are shown as they are and logged.
/// </summary>
public sealed partial class FolderTree
{
    private IReadOnlyList<FolderNode> _nodes = [];
    private string? _error;
    private Guid? _dropTarget;

    [Parameter]
    public IReadOnlyList<FolderSummary> Folders { get; set; } = [];

    [Parameter]
    public Guid? CurrentFolderId { get; set; }

    [Parameter]
    public Guid MailboxId { get; set; }

    /// <summary>Messages dragged from the list were dropped on this folder.</summary>
    [Parameter]
    public EventCallback<Folder> OnDrop { get; set; }

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ILogger<FolderTree> Logger { get; set; } = default!;

    protected override void OnParametersSet() => _nodes = FolderNode.Arrange(Folders);

    private string NodeClass(Folder folder) =>
        "portal-mail-folder" + (folder.Id == CurrentFolderId ? " active" : string.Empty) + (folder.Id == _dropTarget ? " drop-target" : string.Empty);

    private void LeaveDrop(Guid folderId)
    {
        if (_dropTarget == folderId)
        {
            _dropTarget = null;
        }
    }

    private async Task DropAsync(Folder folder)
    {
        _dropTarget = null;
        await OnDrop.InvokeAsync(folder);
    }

    private async Task CreateAsync(Folder? parent)
    {
        var result = await AskAsync("New folder", "Create", name: string.Empty, parent: parent?.Name, askName: true, askParent: true, exclude: null);
        if (result is not null)
        {
            await RunAsync("create", result.FullName, () => Store.CreateFolderAsync(MailboxId, result.FullName));
        }
    }

    private async Task RenameAsync(Folder folder)
    {
        var result = await AskAsync($"Rename {folder.Name}", "Rename", FolderNode.LeafOf(folder.Name), FolderNode.ParentOf(folder.Name), askName: true, askParent: false, exclude: null);
        if (result is not null && result.FullName != folder.Name)
        {
            await RunAsync("rename", folder.Name, () => Store.RenameFolderAsync(MailboxId, folder.Name, result.FullName));
        }
    }

    private async Task MoveAsync(Folder folder)
    {
        var result = await AskAsync($"Move {folder.Name}", "Move", FolderNode.LeafOf(folder.Name), FolderNode.ParentOf(folder.Name), askName: false, askParent: true, exclude: folder.Name);
        if (result is not null && result.FullName != folder.Name)
        {
            await RunAsync("move", folder.Name, () => Store.RenameFolderAsync(MailboxId, folder.Name, result.FullName));
        }
    }

    private async Task DeleteAsync(FolderSummary summary)
    {
        var folder = summary.Folder;
        var what = summary.Total == 0 ? "It is empty." : $"Its {summary.Total} message(s) are deleted with it.";
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {folder.Name}?", what, yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync("delete", folder.Name, () => Store.DeleteFolderAsync(MailboxId, folder.Name));
        }
    }

    private async Task<FolderDialog.Result?> AskAsync(string title, string submit, string name, string? parent, bool askName, bool askParent, string? exclude)
    {
        var parents = Folders.Select(f => f.Folder.Name)
            .Where(n => exclude is null || (n != exclude && !n.StartsWith(exclude + Folder.Delimiter, StringComparison.Ordinal)))
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var parameters = new DialogParameters<FolderDialog>
        {
            { d => d.InitialName, name },
            { d => d.InitialParent, parent },
            { d => d.AskName, askName },
            { d => d.AskParent, askParent },
            { d => d.Parents, parents },
            { d => d.SubmitText, submit },
            { d => d.MailboxId, MailboxId },
        };
        var dialog = await Dialogs.ShowAsync<FolderDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var outcome = await dialog.Result;
        return outcome is { Canceled: false, Data: FolderDialog.Result result } ? result : null;
    }

    private async Task RunAsync(string operation, string name, Func<Task> change)
    {
        try
        {
            await change();
            _error = null;
            WebmailLog.FolderChanged(Logger, MailboxId, operation, name);
        }
        catch (MailStoreException refused)
        {
            _error = refused.Message;
            WebmailLog.FolderRefused(Logger, MailboxId, operation, name, refused.Error.ToString());
        }
    }
}
