using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>Attachments (uploaded with progress, refused whole over the limit) and resuming a draft with its parts.</summary>
public sealed partial class ComposePage
{
    private const int MaxFilesPerPick = 20;
    private const int ChunkSize = 64 * 1024;

    private Upload? _upload;

    private string LimitText => SizeText(Options.Value.MaxAttachmentBytes);

    private static string SizeText(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>Reads the picked files over the circuit, showing progress. Either every file of the pick is attached or none.</summary>
    private async Task AddFilesAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        var limit = Options.Value.MaxAttachmentBytes;
        if (e.FileCount > MaxFilesPerPick)
        {
            _error = $"Attach at most {MaxFilesPerPick} files at a time.";
            return;
        }

        var files = e.GetMultipleFiles(MaxFilesPerPick);
        var tooLarge = files.Where(f => f.Size > limit).Select(f => $"'{f.Name}' ({SizeText(f.Size)})").ToList();
        if (tooLarge.Count > 0)
        {
            _error = $"Not attached: {string.Join(", ", tooLarge)} {(tooLarge.Count == 1 ? "is" : "are")} larger than the limit of {LimitText} per file.";
            ComposeLog.AttachmentRefused(Logger, _address, string.Join(", ", tooLarge), limit);
            return;
        }

        var read = new List<(string Name, string ContentType, byte[] Content)>();
        try
        {
            foreach (var file in files)
            {
                read.Add((file.Name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, await ReadAsync(file, limit)));
            }
        }
        catch (IOException ex)
        {
            _error = $"The upload stopped ({ex.Message}); nothing was attached. Try again.";
            ComposeLog.UploadFailed(Logger, _address, ex);
            return;
        }
        finally
        {
            _upload = null;
        }

        _attachments.AddRange(read);
        MarkChanged();
    }

    private async Task<byte[]> ReadAsync(IBrowserFile file, long limit)
    {
        _upload = new Upload(file.Name, file.Size);
        StateHasChanged();
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream(limit);
        var chunk = new byte[ChunkSize];
        var shown = 0;
        int count;
        while ((count = await stream.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, count);
            _upload.Done = buffer.Length;
            if (_upload.Percent >= shown + 5)
            {
                shown = _upload.Percent;
                StateHasChanged();
            }
        }

        return buffer.ToArray();
    }

    private void RemoveAttachment((string Name, string ContentType, byte[] Content) file)
    {
        _attachments.Remove(file);
        MarkChanged();
    }

    /// <summary>Opens a message from this mailbox's Drafts: fields, body, attachments and threading headers; later saves replace it.</summary>
    private async Task ResumeDraftAsync(Guid messageId)
    {
        var drafts = await Store.FindFolderAsync(_mailboxId, FolderRole.Drafts);
        if (await Queries.FindAsync(_mailboxId, messageId) is not { } stored || drafts is null || stored.FolderId != drafts.Id)
        {
            _error = "That draft does not exist any more.";
            _initialHtml = "<div><br></div>";
            return;
        }

        MimeMessage draft;
        await using (var raw = await Store.OpenContentAsync(stored))
        {
            draft = await MimeMessage.LoadAsync(raw);
        }

        _draft = new DraftRef(stored.FolderId, stored.Uid);
        _to = draft.To.ToString();
        _cc = draft.Cc.ToString();
        _bcc = draft.Bcc.ToString();
        _subject = draft.Subject ?? string.Empty;
        _inReplyTo = draft.InReplyTo;
        _references = [.. draft.References];
        if (draft.HtmlBody is { } html)
        {
            _initialHtml = ComposeHtml.Sanitize(html);
        }
        else
        {
            _plain = true;
            _initialHtml = ComposeHtml.FromText(draft.TextBody ?? string.Empty);
        }

        foreach (var attachment in draft.Attachments)
        {
            switch (attachment)
            {
                case MessagePart { Message: { } forwarded }:
                    _original = forwarded;
                    _forwardAttached = new AttachmentInfo(0, (string.IsNullOrWhiteSpace(forwarded.Subject) ? "message" : forwarded.Subject) + ".eml", "message/rfc822", 0);
                    break;
                case MimePart { Content: { } content } part:
                    using (var buffer = new MemoryStream())
                    {
                        await content.DecodeToAsync(buffer);
                        _attachments.Add((part.FileName ?? "attachment", part.ContentType.MimeType, buffer.ToArray()));
                    }

                    break;
            }
        }
    }

    private sealed class Upload(string name, long size)
    {
        public string Name { get; } = name;

        public long Done { get; set; }

        public int Percent => size <= 0 ? 100 : (int)Math.Min(100, Done * 100 / size);
    }
}
