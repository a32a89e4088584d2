using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Delivery;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Mail.Reading;
using Portal.Web.Components.Pages.Mail.Compose;
using Portal.Web.Mail;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// Compose, reply, reply all and forward (inline or as an attachment) in rich text or plain text, with attachments,
/// a signature and drafts saved as the user writes. The MIME is built with MimeKit (rich text as
/// multipart/alternative from sanitized HTML) and sent through <see cref="ISubmissionService"/>, which files the copy
/// in Sent.
/// </summary>
public sealed partial class ComposePage
{
    private readonly List<(string Name, string ContentType, byte[] Content)> _attachments = [];
    private RichTextEditor? _editor;
    private string _to = string.Empty;
    private string _cc = string.Empty;
    private string _bcc = string.Empty;
    private string _subject = string.Empty;
    private string _initialHtml = string.Empty;
    private string _html = string.Empty;
    private string _text = string.Empty;
    private bool _plain;
    private bool _loaded;
    private string? _error;
    private bool _busy;
    private Guid _mailboxId;
    private string _address = string.Empty;
    private MailIdentity? _identity;
    private MimeMessage? _original;
    private AttachmentInfo? _forwardAttached;
    private string? _inReplyTo;
    private List<string> _references = [];

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

    /// <summary>A message in Drafts to carry on with.</summary>
    [SupplyParameterFromQuery(Name = "draft")]
    public Guid? Draft { get; set; }

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMessageQueries Queries { get; set; } = default!;

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    [Inject]
    private ISubmissionService Submission { get; set; } = default!;

    [Inject]
    private IMailIdentities Identities { get; set; } = default!;

    [Inject]
    private IOptions<MailOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<ComposePage> Logger { get; set; } = default!;

    private string Title => (ReplyTo, Forward, Draft) switch
    {
        ({ }, _, _) => ReplyAll ? "Reply all" : "Reply",
        (_, { }, _) => "Forward",
        (_, _, { }) => "Draft",
        _ => "New message",
    };

    private string FromText => Sender().ToString();

    protected override async Task OnInitializedAsync()
    {
        (_mailboxId, _address, _) = await Account.GetAsync();
        _identity = await Identities.GetAsync(_mailboxId);
        _to = PresetTo ?? string.Empty;
        if (Draft is { } draftId)
        {
            await ResumeDraftAsync(draftId);
        }
        else
        {
            await StartAsync();
        }

        _html = _initialHtml;
        if (_plain)
        {
            _text = ComposeHtml.ToText(_initialHtml);
        }

        _loaded = true;
        StartAutosave();
    }

    private static Dictionary<string, object> Attr(string testId) => new() { ["data-testid"] = testId };

    private MailboxAddress Sender() => new(_identity?.DisplayName, _address);

    /// <summary>A new message, reply or forward: the signature above the quoted original (RFC 3676 §4.3 separator).</summary>
    private async Task StartAsync()
    {
        var signature = _identity?.SignatureHtml is { } sig ? "<div>-- </div>" + sig : string.Empty;
        _initialHtml = "<div><br></div>" + signature;
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

            if (_original.MessageId is { } parentId)
            {
                _inReplyTo = parentId;
                _references = [.. _original.References, parentId];
            }

            var said = string.Create(CultureInfo.InvariantCulture, $"On {_original.Date:yyyy-MM-dd HH:mm}, {_original.From} wrote:");
            _initialHtml += $"<div><br></div><div>{WebUtility.HtmlEncode(said)}</div><blockquote>{OriginalHtml(_original)}</blockquote>";
            return;
        }

        _subject = subject.StartsWith("Fwd:", StringComparison.OrdinalIgnoreCase) ? subject : "Fwd: " + subject;
        if (ForwardAsAttachment)
        {
            _forwardAttached = new AttachmentInfo(0, (string.IsNullOrWhiteSpace(subject) ? "message" : subject) + ".eml", "message/rfc822", 0);
            return;
        }

        var header = string.Join("<br>", new[]
        {
            "---------- Forwarded message ----------",
            $"From: {_original.From}",
            $"Date: {_original.Date.ToString("R", CultureInfo.InvariantCulture)}",
            $"Subject: {subject}",
            $"To: {_original.To}",
        }.Select(WebUtility.HtmlEncode));
        _initialHtml += $"<div><br></div><div>{header}</div><div><br></div>{OriginalHtml(_original)}";
    }

    /// <summary>The original's body for quoting, cut down to the compose policy (its HTML, or its text made HTML).</summary>
    private static string OriginalHtml(MimeMessage original) => original.HtmlBody is { } html
        ? ComposeHtml.Sanitize(html)
        : ComposeHtml.FromText(original.TextBody ?? string.Empty);

    private void Changed(Action apply)
    {
        apply();
        MarkChanged();
    }

    private void EditorChanged(string html)
    {
        _html = html;
        MarkChanged();
    }

    private async Task SetPlainAsync(bool plain)
    {
        if (plain == _plain)
        {
            return;
        }

        if (plain)
        {
            _html = await CurrentHtmlAsync();
            _text = ComposeHtml.ToText(ComposeHtml.Sanitize(_html));
        }
        else
        {
            _html = ComposeHtml.FromText(_text);
            if (_editor is not null)
            {
                await _editor.SetHtmlAsync(_html);
            }
        }

        _plain = plain;
        MarkChanged();
    }

    /// <summary>The editor's content now (falling back to the last content it reported).</summary>
    private async Task<string> CurrentHtmlAsync()
    {
        if (!_plain && _editor is not null && await _editor.GetHtmlAsync() is { } html)
        {
            _html = html;
        }

        return _html;
    }

    private async Task SendAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var html = await CurrentHtmlAsync();
            await _saving.WaitAsync();
            try
            {
                var message = Build(html, requireRecipients: true);
                if (message is null)
                {
                    return;
                }

                var result = await Submission.SubmitAsync(_mailboxId, message);
                if (!result.Succeeded)
                {
                    _error = result.Error;
                    ComposeLog.SendRefused(Logger, _address, result.Error!);
                    return;
                }

                await FinishDraftAsync();
            }
            finally
            {
                _saving.Release();
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

    /// <summary>The message as it stands; null (with <see cref="_error"/> set) when an address is not valid.</summary>
    private MimeMessage? Build(string html, bool requireRecipients)
    {
        var message = new MimeMessage();
        message.From.Add(Sender());
        if (!TryAddresses(_to, message.To, requireRecipients) || !TryAddresses(_cc, message.Cc, requireRecipients) || !TryAddresses(_bcc, message.Bcc, requireRecipients))
        {
            return null;
        }

        if (requireRecipients && message.To.Count + message.Cc.Count + message.Bcc.Count == 0)
        {
            _error = "Add at least one recipient.";
            return null;
        }

        message.Subject = _subject;
        if (_inReplyTo is not null)
        {
            message.InReplyTo = _inReplyTo;
            message.References.AddRange(_references);
        }

        var body = ComposeBody.Create(_plain ? _text : html, isHtml: !_plain, out var removed);
        if (removed > 0)
        {
            ComposeLog.ActiveContentRemoved(Logger, _address, removed);
        }

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

    /// <summary>Parses a recipient field ("a@x, Name &lt;b@y&gt;; c@z"); strict for sending, lenient (skips bad parts) for drafts.</summary>
    private bool TryAddresses(string text, InternetAddressList list, bool strict)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var normalized = text.Replace(';', ',');
        if (InternetAddressList.TryParse(normalized, out var parsed) && parsed.Mailboxes.All(m => m.Address.Contains('@', StringComparison.Ordinal)))
        {
            list.AddRange(parsed.Mailboxes);
            return true;
        }

        foreach (var part in normalized.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MailboxAddress.TryParse(part, out var address) && address.Address.Contains('@', StringComparison.Ordinal))
            {
                list.Add(address);
            }
            else if (strict)
            {
                _error = $"'{part}' is not a valid address.";
                ComposeLog.InvalidRecipient(Logger, _address, part);
                return false;
            }
        }

        return true;
    }
}
