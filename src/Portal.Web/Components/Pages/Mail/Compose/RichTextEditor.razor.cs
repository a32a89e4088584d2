using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Web.Components.Pages.Mail.Compose;

/// <summary>
/// The composer's rich-text editor: a contenteditable with a toolbar, driven by wwwroot's compose-editor.js. The
/// browser owns the content; <see cref="Changed"/> reports it (shortly after typing stops) and
/// <see cref="GetHtmlAsync"/> reads it now. Whatever comes back is untrusted and sanitized before it is sent.
/// </summary>
public sealed partial class RichTextEditor : IAsyncDisposable
{
    private ElementReference _editor;
    private ElementReference _toolbar;
    private IJSObjectReference? _module;
    private DotNetObjectReference<RichTextEditor>? _self;

    /// <summary>The HTML shown when the editor first appears.</summary>
    [Parameter]
    public string InitialHtml { get; set; } = string.Empty;

    [Parameter]
    public bool Hidden { get; set; }

    [Parameter]
    public EventCallback<string> Changed { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./compose-editor.js");
        _self = DotNetObjectReference.Create(this);
        await _module.InvokeVoidAsync("attach", _editor, _toolbar, _self, InitialHtml);
    }

    [JSInvokable]
    public Task EditorChanged(string html) => Changed.InvokeAsync(html);

    /// <summary>The editor's content as it is now; null when the editor is not attached (yet, or any more).</summary>
    public async Task<string?> GetHtmlAsync()
    {
        if (_module is null)
        {
            return null;
        }

        try
        {
            return await _module.InvokeAsync<string>("getHtml", _editor);
        }
        catch (Exception ex) when (JsTeardown.IsGone(ex))
        {
            return null;
        }
    }

    public async Task SetHtmlAsync(string html)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setHtml", _editor, html);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (Exception ex) when (JsTeardown.IsGone(ex))
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
