using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Delivery;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// Compose, reply, reply all and forward (inline or as an attachment), in plain text, with attachments. The MIME is
/// built with MimeKit and sent through <see cref="ISubmissionService"/>, which files the copy in Sent.
/// </summary>
public sealed partial class ComposePage
{
    private readonly List<(string Name, string ContentType, byte[] Content)> _attachments = [];
    private string _to = string.Empty;
    private string _cc = string.Empty;
    private string _bcc = string.Empty;
    private string _subject = string.Empty;
    private string _body = string.Empty;
    private string? _error;
    private string? _notice;
    private bool _busy;
    private Guid _mailboxId;
    private string _address = string.Empty;
    private MimeMessage? _original;
    private AttachmentInfo? _forwardAttached;

    [SupplyParameterFromQuery(Name = "reply")]
    public Guid? ReplyTo { get; set; }

    [SupplyParameterFromQuery(Name = "all")]
    public bool ReplyAll { get; set; }

    [SupplyParameterFromQuery(Name = "forward")]
    public Guid? Forward { get; set; }

    [SupplyParameterFromQuery(Name = "attach")]
    public bool ForwardAsAttachment { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? PresetTo { get; set; }

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMessageQueries Queries { get; set; } = default!;

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    [Inject]
    private ISubmissionService Submission { get; set; } = default!;

    [Inject]
    private IOptions<MailOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string Title => (ReplyTo, Forward) switch
    {
        ({ }, _) => ReplyAll ? "Reply all" : "Reply",
        (_, { }) => "Forward",
        _ => "New message",
    };

    protected override async Task OnInitializedAsync()
    {
        (_mailboxId, _address, _) = await Account.GetAsync();
        _to = PresetTo ?? string.Empty;
        var originalId = ReplyTo ?? Forward;
        if (originalId is not { } id || await Queries.FindAsync(_mailboxId, id) is not { } original)
        {
            return;
        }

        await using (var raw = await Store.OpenContentAsync(original))
        {
            _original = await MimeMessage.LoadAsync(raw);
        }

        var subject = _original.Subject ?? string.Empty;
        var quoted = Quote(_original);
        if (ReplyTo is not null)
        {
            _subject = subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
            var replyTo = _original.ReplyTo.Mailboxes.Any() ? _original.ReplyTo.Mailboxes : _original.From.Mailboxes;
            _to = string.Join(", ", replyTo.Select(m => m.Address));
            if (ReplyAll)
            {
                var others = _original.To.Mailboxes.Concat(_original.Cc.Mailboxes)
                    .Select(m => m.Address)
                    .Where(a => !a.Equals(_address, StringComparison.OrdinalIgnoreCase) && !replyTo.Any(r => r.Address.Equals(a, StringComparison.OrdinalIgnoreCase)))
                    .Distinct(StringComparer.OrdinalIgnoreCase);
                _cc = string.Join(", ", others);
            }

            _body = "\n\n" + string.Create(CultureInfo.InvariantCulture, $"On {_original.Date:yyyy-MM-dd HH:mm}, {_original.From} wrote:\n") + quoted;
        }
        else
        {
            _subject = subject.StartsWith("Fwd:", StringComparison.OrdinalIgnoreCase) ? subject : "Fwd: " + subject;
            if (ForwardAsAttachment)
            {
                _forwardAttached = new AttachmentInfo(0, (string.IsNullOrWhiteSpace(subject) ? "message" : subject) + ".eml", "message/rfc822", 0);
            }
            else
            {
                _body = "\n\n---------- Forwarded message ----------\n" +
                    $"From: {_original.From}\nDate: {_original.Date.ToString("R", CultureInfo.InvariantCulture)}\nSubject: {subject}\nTo: {_original.To}\n\n" +
                    (_original.TextBody ?? string.Empty);
            }
        }
    }

    private static Dictionary<string, object> Attr(string testId) => new() { ["data-testid"] = testId };

    private async Task AddFilesAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        var limit = Options.Value.MaxAttachmentBytes;
        foreach (var file in e.GetMultipleFiles(20))
        {
            if (file.Size > limit)
            {
                _error = string.Create(CultureInfo.InvariantCulture, $"'{file.Name}' is larger than the limit of {limit / 1024 / 1024} MB.");
                continue;
            }

            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(limit))
            {
                await stream.CopyToAsync(buffer);
            }

            _attachments.Add((file.Name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray()));
        }
    }

    private async Task SendAsync()
    {
        _busy = true;
        _error = _notice = null;
        try
        {
            var message = Build();
            if (message is null)
            {
                return;
            }

            var result = await Submission.SubmitAsync(_mailboxId, message);
            if (!result.Succeeded)
            {
                _error = result.Error;
                return;
            }

            if (ReplyTo is { } answered && await Queries.FindAsync(_mailboxId, answered) is { } original)
            {
                await Store.SetFlagsAsync(original.FolderId, [original.Uid], MessageFlags.Answered, FlagChangeMode.Add);
            }

            Navigation.NavigateTo("mail");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveDraftAsync()
    {
        _error = _notice = null;
        var message = Build(requireRecipients: false);
        if (message is null || await Store.FindFolderAsync(_mailboxId, FolderRole.Drafts) is not { } drafts)
        {
            return;
        }

        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer);
        buffer.Position = 0;
        await Store.AppendAsync(drafts.Id, new AppendRequest(buffer, MessageFlags.Draft | MessageFlags.Seen));
        _notice = "Draft saved.";
    }

    private MimeMessage? Build(bool requireRecipients = true)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_address));
        if (!TryAddresses(_to, message.To) || !TryAddresses(_cc, message.Cc) || !TryAddresses(_bcc, message.Bcc))
        {
            return null;
        }

        if (requireRecipients && message.To.Count + message.Cc.Count + message.Bcc.Count == 0)
        {
            _error = "Add at least one recipient.";
            return null;
        }

        message.Subject = _subject;
        if (_original is not null && ReplyTo is not null && _original.MessageId is { } parentId)
        {
            message.InReplyTo = parentId;
            message.References.AddRange(_original.References);
            message.References.Add(parentId);
        }

        var body = new BodyBuilder { TextBody = _body.Replace("\r\n", "\n", StringComparison.Ordinal) };
        foreach (var (name, contentType, content) in _attachments)
        {
            body.Attachments.Add(name, content, ContentType.Parse(contentType));
        }

        if (_original is not null && _forwardAttached is not null)
        {
            body.Attachments.Add(new MessagePart { Message = _original });
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private bool TryAddresses(string text, InternetAddressList list)
    {
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailboxAddress.TryParse(part, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                _error = $"'{part}' is not a valid address.";
                return false;
            }

            list.Add(address);
        }

        return true;
    }

    private static string Quote(MimeMessage original)
    {
        var text = original.TextBody ?? string.Empty;
        var builder = new StringBuilder();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            builder.Append("> ").Append(line).Append('\n');
        }

        return builder.ToString();
    }
}
