using Microsoft.JSInterop;
using MudBlazor;
using Portal.Core.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// Keyboard shortcuts. mail.js listens on the document (ignoring keys typed into inputs, editors and open dialogs)
/// and forwards the key here; the list has a cursor that j/k move and Enter opens.
/// </summary>
public sealed partial class MailPage
{
    private const int RowHeight = 64;

    private IJSObjectReference? _shortcutsModule;
    private IJSObjectReference? _shortcuts;
    private DotNetObjectReference<MailPage>? _self;
    private int _cursor = -1;

    private bool _shortcutsDetached;

    /// <summary>
    /// Attaches the document's key listener. The page can be left (and disposed) while this awaits the browser; then
    /// nothing is attached, or what was attached is taken off again, and the circuit goes on (an exception here would
    /// end the circuit and with it the page the user went to).
    /// </summary>
    private async Task AttachShortcutsAsync()
    {
        _self = DotNetObjectReference.Create(this);
        try
        {
            var module = await Js.InvokeAsync<IJSObjectReference>("import", "./mail.js");
            if (_shortcutsDetached)
            {
                await module.DisposeAsync();
                return;
            }

            _shortcutsModule = module;
            var shortcuts = await module.InvokeAsync<IJSObjectReference>("attachShortcuts", _self);
            if (_shortcutsDetached)
            {
                await shortcuts.InvokeVoidAsync("dispose");
                await shortcuts.DisposeAsync();
                return;
            }

            _shortcuts = shortcuts;
        }
        catch (Exception ex) when (JsTeardown.IsGone(ex))
        {
            // Left before the listener was attached.
        }
    }

    private async Task DetachShortcutsAsync()
    {
        _shortcutsDetached = true;
        try
        {
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("dispose");
                await _shortcuts.DisposeAsync();
            }

            if (_shortcutsModule is not null)
            {
                await _shortcutsModule.DisposeAsync();
            }
        }
        catch (Exception ex) when (JsTeardown.IsGone(ex))
        {
            // The circuit is gone with the page; so is the listener.
        }

        _self?.Dispose();
    }

    [JSInvokable]
    public async Task OnShortcutAsync(string key)
    {
        switch (key)
        {
            case "j" or "ArrowDown":
                await MoveCursorAsync(+1);
                break;
            case "k" or "ArrowUp":
                await MoveCursorAsync(-1);
                break;
            case "Enter":
                if (_shown.TryGetValue(_cursor, out var row))
                {
                    Navigation.NavigateTo(RowHref(row.Item));
                }

                break;
            case "r" or "a" or "f":
                if (_message is not null)
                {
                    Navigation.NavigateTo(key switch
                    {
                        "r" => $"mail/compose?reply={_message.Id}",
                        "a" => $"mail/compose?reply={_message.Id}&all=true",
                        _ => $"mail/compose?forward={_message.Id}",
                    });
                }

                break;
            case "c":
                Navigation.NavigateTo("mail/compose");
                break;
            case "Delete" or "#":
                await DeleteAsync();
                break;
            case "Shift+Delete":
                await DeleteForeverAsync();
                break;
            case "u":
                await SetSeenAsync(false);
                break;
            case "s" or "!":
                await ToggleFlagAsync();
                break;
            case "e":
                await MoveToRoleAsync(FolderRole.Archive);
                break;
            case "x":
                if (_shown.TryGetValue(_cursor, out var current) && !_selected.Remove(current.Item.Id))
                {
                    _selected[current.Item.Id] = current.Item;
                }

                break;
            case "?":
                await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts", new DialogOptions { CloseButton = true, CloseOnEscapeKey = true });
                break;
            default:
                return;
        }

        StateHasChanged();
    }

    private async Task MoveCursorAsync(int step)
    {
        if (_total == 0)
        {
            return;
        }

        if (_cursor < 0 && _message is not null && _shown.Values.FirstOrDefault(r => r.Item.Id == _message.Id) is { } open)
        {
            _cursor = open.Index;
        }

        _cursor = Math.Clamp(_cursor + step, 0, _total - 1);
        if (!_shown.ContainsKey(_cursor))
        {
            foreach (var item in await RangeAsync(_cursor, 1))
            {
                _shown[_cursor] = new ListRow(_cursor, item, 0, 1, true);
            }
        }

        if (_shortcutsModule is not null)
        {
            await _shortcutsModule.InvokeVoidAsync("scrollToRow", _rowsElement, _cursor, RowHeight);
        }
    }
}
