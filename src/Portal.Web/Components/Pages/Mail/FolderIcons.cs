using MudBlazor;
using Portal.Core.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>The icon of each special-use folder.</summary>
public static class FolderIcons
{
    public static string For(FolderRole role) => role switch
    {
        FolderRole.Inbox => Icons.Material.Filled.Inbox,
        FolderRole.Drafts => Icons.Material.Filled.Drafts,
        FolderRole.Sent => Icons.Material.Filled.Send,
        FolderRole.Trash => Icons.Material.Filled.Delete,
        FolderRole.Junk => Icons.Material.Filled.Report,
        FolderRole.Archive => Icons.Material.Filled.Archive,
        _ => Icons.Material.Filled.Folder,
    };
}
