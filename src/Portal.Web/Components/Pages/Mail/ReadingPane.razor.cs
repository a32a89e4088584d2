using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>The open message: actions, headers, remote-image choice, attachments with previews, and the sandboxed body.</summary>
public sealed partial class ReadingPane
{
    private AttachmentInfo? _preview;
    private Guid? _shownMessageId;

    [Parameter]
    public Message? Message { get; set; }

    [Parameter]
    public RenderedMessage? Rendered { get; set; }

    /// <summary>The iframe document (<see cref="MessageDocument"/>).</summary>
    [Parameter]
    public string Document { get; set; } = string.Empty;

    [Parameter]
    public bool NotFound { get; set; }

    /// <summary>Remote images are allowed for every message from this sender.</summary>
    [Parameter]
    public bool AllowedSender { get; set; }

    [Parameter]
    public IReadOnlyList<FolderSummary> Folders { get; set; } = [];

    [Parameter]
    public EventCallback<ReadingAction> OnAction { get; set; }

    [Parameter]
    public EventCallback<Folder> OnMoveTo { get; set; }

    [Parameter]
    public EventCallback<RemoteImageScope> OnAllowImages { get; set; }

    protected override void OnParametersSet()
    {
        if (Message?.Id != _shownMessageId)
        {
            _shownMessageId = Message?.Id;
            _preview = null;
        }
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB"),
    };
}

/// <summary>What the reading pane asks the page to do with the open message.</summary>
public enum ReadingAction
{
    MarkUnread,
    ToggleFlag,
    Archive,
    Junk,
    Delete,
    DeleteForever,
}

/// <summary>How far "show remote images" reaches: this message, or every message from its sender.</summary>
public enum RemoteImageScope
{
    Message,
    Sender,
}
