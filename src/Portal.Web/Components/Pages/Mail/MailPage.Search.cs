using Microsoft.AspNetCore.Components;
using Portal.Core.Mail.Search;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// The search box: the same <see cref="IMailSearch"/> as IMAP SEARCH, over from/to/subject/body, in the open folder or
/// in all folders. While a search is active the list shows its hits, newest first, paged on the server.
/// </summary>
public sealed partial class MailPage
{
    /// <summary>Longer queries are refused rather than sent to the index.</summary>
    private const int MaxSearchLength = 200;

    private string _searchText = string.Empty;
    private string? _searchQuery;
    private bool _searchAllFolders;

    [Inject]
    private IMailSearch Search { get; set; } = default!;

    private bool IsSearching => _searchQuery is not null;

    private async Task SearchAsync()
    {
        var query = _searchText.Trim();
        if (query.Length > MaxSearchLength)
        {
            _actionError = $"A search can be at most {MaxSearchLength} characters.";
            return;
        }

        _searchQuery = query.Length == 0 ? null : query;
        ClearSelection();
        _cursor = -1;
        await RefreshListAsync();
    }

    private async Task SearchScopeChangedAsync(ChangeEventArgs change)
    {
        _searchAllFolders = change.Value as string == "all";
        if (IsSearching)
        {
            await RefreshListAsync();
        }
    }

    private async Task ClearSearchAsync()
    {
        _searchText = string.Empty;
        _searchQuery = null;
        ClearSelection();
        _cursor = -1;
        await RefreshListAsync();
    }

    private async Task<(IReadOnlyList<ListRow> Rows, int Total)> LoadSearchRowsAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var folderId = _searchAllFolders ? (Guid?)null : _currentFolder!.Folder.Id;
        var page = await Search.SearchAsync(_mailboxId, folderId, _searchQuery!, skip, take, cancellationToken);
        var rows = page.Items.Select((item, i) => new ListRow(skip + i, item, 0, 1, true)).ToList();
        return (rows, page.Total);
    }
}
