using Microsoft.AspNetCore.Components;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// Drafts: saved <see cref="Web.Mail.MailOptions.DraftAutosaveDelay"/> after the last change and when the page is
/// left; each save replaces the session's previous draft (<see cref="ComposeDrafts"/>); sending removes it.
/// </summary>
public sealed partial class ComposePage : IAsyncDisposable
{
    private readonly SemaphoreSlim _saving = new(1, 1);
    private ITimer? _autosave;
    private DraftRef? _draft;
    private DateTimeOffset? _draftSaved;
    private bool _dirty;
    private bool _finished;
    private bool _disposed;

    [Inject]
    private ComposeDrafts Drafts { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private void StartAutosave() =>
        _autosave = Time.CreateTimer(_ => _ = InvokeAsync(AutosaveAsync), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void MarkChanged()
    {
        _dirty = true;
        _autosave?.Change(Options.Value.DraftAutosaveDelay, Timeout.InfiniteTimeSpan);
    }

    private void CancelAutosave() => _autosave?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private async Task AutosaveAsync()
    {
        if (_disposed)
        {
            return;
        }

        await SaveDraftAsync(await CurrentHtmlAsync(), force: false);
    }

    private async Task SaveDraftNowAsync()
    {
        _error = null;
        CancelAutosave();
        await SaveDraftAsync(await CurrentHtmlAsync(), force: true);
    }

    /// <summary>Stores the draft when something changed since the last save (or when asked to); never after sending or discarding.</summary>
    private async Task SaveDraftAsync(string html, bool force)
    {
        await _saving.WaitAsync();
        try
        {
            if (_finished || (!_dirty && !force) || Build(html, requireRecipients: false) is not { } message)
            {
                return;
            }

            _dirty = false;
            _draft = await Drafts.SaveAsync(_mailboxId, message, _draft);
            _draftSaved = Time.GetLocalNow();
        }
        catch (Exception ex) when (ex is MailStoreException or IOException or InvalidOperationException)
        {
            _dirty = true;
            _error = "The draft could not be saved: " + ex.Message;
            ComposeLog.DraftSaveFailed(Logger, _address, ex);
        }
        finally
        {
            _saving.Release();
        }

        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    private async Task DiscardAsync()
    {
        await _saving.WaitAsync();
        try
        {
            await FinishDraftAsync();
        }
        finally
        {
            _saving.Release();
        }

        Navigation.NavigateTo("mail");
    }

    /// <summary>
    /// The session's writing is over (sent or discarded): no save runs after this, and the stored draft goes.
    /// The caller holds <see cref="_saving"/>, so that no autosave slips in between.
    /// </summary>
    private async Task FinishDraftAsync()
    {
        _finished = true;
        CancelAutosave();
        if (_draft is { } draft)
        {
            await Drafts.DeleteAsync(draft);
            _draft = null;
        }
    }

    /// <summary>Leaving the page keeps what was written: the last content the editor reported is saved.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_autosave is not null)
        {
            await _autosave.DisposeAsync();
        }

        if (_loaded && _dirty && !_finished)
        {
            await SaveDraftAsync(_html, force: false);
        }
    }
}
