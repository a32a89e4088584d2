using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Portal.Core.Mail.Compose;

namespace Portal.Web.Components.Pages.Mail.Compose;

/// <summary>
/// A comma-separated recipient field that offers addresses for the one being typed (the text after the last comma)
/// from <see cref="IAddressDirectory"/>: the user's contacts, their domain's directory, and recent recipients.
/// ArrowDown/ArrowUp move through the suggestions, Enter takes the highlighted one, Escape closes them.
/// </summary>
public sealed partial class RecipientField
{
    private const int MinimumTermLength = 2;

    private List<AddressSuggestion> _suggestions = [];
    private Dictionary<string, object> _attributes = [];
    private string _text = string.Empty;
    private string? _lastValue;

    /// <summary>The suggestion the arrow keys have highlighted; -1 for none.</summary>
    private int _active = -1;

    [Parameter, EditorRequired]
    public required string Label { get; set; }

    [Parameter, EditorRequired]
    public required string TestId { get; set; }

    [Parameter]
    public string? HelperText { get; set; }

    [Parameter]
    public Guid MailboxId { get; set; }

    [Parameter]
    public string Value { get; set; } = string.Empty;

    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    [Inject]
    private IAddressDirectory Directory { get; set; } = default!;

    protected override void OnParametersSet()
    {
        _attributes = new Dictionary<string, object> { ["data-testid"] = TestId };
        if (Value != _lastValue)
        {
            _text = Value;
            _lastValue = Value;
        }
    }

    /// <summary>The address being typed: what follows the last separator.</summary>
    public static string CurrentTerm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.LastIndexOfAny([',', ';']);
        return text[(cut + 1)..].Trim();
    }

    /// <summary>The field's text with the address being typed replaced by <paramref name="recipient"/>, ready for the next one.</summary>
    public static string Complete(string text, string recipient)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.LastIndexOfAny([',', ';']);
        var kept = cut < 0 ? string.Empty : text[..(cut + 1)].TrimEnd() + " ";
        return kept + recipient + ", ";
    }

    private async Task OnTextChangedAsync(string? text)
    {
        _text = text ?? string.Empty;
        _lastValue = _text;
        await ValueChanged.InvokeAsync(_text);
        var term = CurrentTerm(_text);
        _suggestions = term.Length >= MinimumTermLength && MailboxId != Guid.Empty
            ? [.. await Directory.SuggestAsync(MailboxId, term)]
            : [];
        _active = -1;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (_suggestions.Count == 0)
        {
            return;
        }

        switch (e.Key)
        {
            case "ArrowDown":
                _active = (_active + 1) % _suggestions.Count;
                break;
            case "ArrowUp":
                _active = _active <= 0 ? _suggestions.Count - 1 : _active - 1;
                break;
            case "Enter" when _active >= 0:
                await PickAsync(_suggestions[_active]);
                break;
            case "Escape":
                _suggestions = [];
                _active = -1;
                break;
        }
    }

    private async Task PickAsync(AddressSuggestion suggestion)
    {
        _text = Complete(_text, suggestion.ToRecipient());
        _lastValue = _text;
        _suggestions = [];
        _active = -1;
        await ValueChanged.InvokeAsync(_text);
    }
}
