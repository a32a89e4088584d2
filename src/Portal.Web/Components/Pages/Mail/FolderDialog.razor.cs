using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Portal.Core.Mail;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>Asks for a folder's name, its parent, or both; checks the name's form before the store sees it.</summary>
public sealed partial class FolderDialog
{
    private const string TopLevel = "";

    private string _name = string.Empty;
    private string _parent = TopLevel;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public string InitialName { get; set; } = string.Empty;

    [Parameter]
    public string? InitialParent { get; set; }

    [Parameter]
    public bool AskName { get; set; }

    [Parameter]
    public bool AskParent { get; set; }

    [Parameter]
    public IReadOnlyList<string> Parents { get; set; } = [];

    [Parameter]
    public string SubmitText { get; set; } = "OK";

    [Parameter]
    public Guid MailboxId { get; set; }

    [Inject]
    private ILogger<FolderDialog> Logger { get; set; } = default!;

    protected override void OnInitialized()
    {
        _name = InitialName;
        _parent = InitialParent ?? TopLevel;
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            // Let the bound value catch up with the last keystroke first.
            await Task.Yield();
            Submit();
        }
    }

    private void Submit()
    {
        var name = _name.Trim();
        _error = name switch
        {
            "" => "Enter a name.",
            _ when name.Contains(Folder.Delimiter, StringComparison.Ordinal) => $"A folder name cannot contain '{Folder.Delimiter}'; choose where it goes under Inside.",
            _ when name.Any(char.IsControl) => "A folder name cannot contain control characters.",
            _ => null,
        };
        if (_error is not null)
        {
            WebmailLog.FolderRefused(Logger, MailboxId, SubmitText.ToLowerInvariant(), name, "InvalidName");
        }
        else
        {
            Dialog.Close(DialogResult.Ok(new Result(_parent.Length == 0 ? name : _parent + Folder.Delimiter + name)));
        }
    }

    /// <summary>The folder's full name that the reader chose.</summary>
    public sealed record Result(string FullName);
}
