using Microsoft.AspNetCore.Components.Web;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>Multi-select (checkbox, shift-click ranges, all shown rows) and dragging messages onto folders.</summary>
public sealed partial class MailPage
{
    /// <summary>Rows the list has loaded, by position; what "select all shown" and shift-click ranges pick from.</summary>
    private readonly Dictionary<int, ListRow> _shown = [];
    private readonly Dictionary<Guid, MessageListItem> _selected = [];
    private int _anchor = -1;
    private IReadOnlyList<MessageListItem> _dragged = [];

    private bool AllShownSelected => _shown.Count > 0 && _shown.Values.All(r => _selected.ContainsKey(r.Item.Id));

    private async Task ToggleSelectAsync(ListRow row, MouseEventArgs e)
    {
        if (e.ShiftKey && _anchor >= 0 && _anchor != row.Index)
        {
            // A shift-click selects every row between the last clicked one and this one, loaded or not.
            var from = Math.Min(_anchor, row.Index);
            var count = Math.Abs(_anchor - row.Index) + 1;
            foreach (var item in await RangeAsync(from, count))
            {
                _selected[item.Id] = item;
            }
        }
        else if (!_selected.Remove(row.Item.Id))
        {
            _selected[row.Item.Id] = row.Item;
        }

        _anchor = row.Index;
    }

    private async Task<IReadOnlyList<MessageListItem>> RangeAsync(int from, int count)
    {
        var shown = Enumerable.Range(from, count).Select(i => _shown.GetValueOrDefault(i)).ToList();
        if (shown.All(r => r is not null))
        {
            return shown.Select(r => r!.Item).ToList();
        }

        var (rows, _) = _threaded
            ? await LoadConversationRowsAsync(from, count, CancellationToken.None)
            : await LoadSortedRowsAsync(from, count, CancellationToken.None);
        return rows.Select(r => r.Item).ToList();
    }

    private void ToggleSelectShown()
    {
        if (AllShownSelected)
        {
            ClearSelection();
            return;
        }

        foreach (var row in _shown.Values)
        {
            _selected[row.Item.Id] = row.Item;
        }
    }

    private void ClearSelection()
    {
        _selected.Clear();
        _anchor = -1;
    }

    private void StartDrag(MessageListItem item) =>
        _dragged = _selected.ContainsKey(item.Id) ? [.. _selected.Values] : [item];

    private async Task DropOnFolderAsync(Folder target)
    {
        var dragged = _dragged;
        _dragged = [];
        if (dragged.Count > 0)
        {
            await MoveAsync(dragged.Select(Target.Of).ToList(), target);
        }
    }
}
