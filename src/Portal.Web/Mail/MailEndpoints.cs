using System.Security.Claims;
using Portal.Core.Delivery;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Mail.Reading;
using Portal.Web.Components.Pages.Mail;

namespace Portal.Web.Mail;

/// <summary>
/// Downloads for the webmail (attachments, inline previews of images and PDF, a message's source) and its print view,
/// only ever from the signed-in user's own mailbox; anything else is 404 and logged.
/// </summary>
public static class MailEndpoints
{
    public static WebApplicationBuilder AddPortalMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ISubmissionService, SubmissionService>();
        builder.Services.AddSingleton<ComposeDrafts>();
        return builder;
    }

    public static WebApplication MapPortalMail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/mail/download").RequireAuthorization();
        group.MapGet("/{messageId:guid}/attachment/{index:int}", AttachmentAsync);
        group.MapGet("/{messageId:guid}/source", SourceAsync);
        app.MapGet("/mail/print/{messageId:guid}", PrintAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> AttachmentAsync(Guid messageId, int index, ClaimsPrincipal user, IMessageQueries queries, IMessageStore store, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var message = await FindAsync(user, messageId, queries, cancellationToken);
        if (message is null)
        {
            return NotFound(user, messageId, loggers);
        }

        await using var raw = await store.OpenContentAsync(message, cancellationToken);
        var attachment = MessageRenderer.ReadAttachment(raw, index);
        if (attachment is not { } found)
        {
            return Results.NotFound();
        }

        // Images and PDF may be previewed in the browser; anything else is a download. Nothing runs in our origin.
        var kind = context.Request.Query.ContainsKey("inline") ? AttachmentPreview.KindOf(found.Info.ContentType) : AttachmentPreview.Kind.None;
        Harden(context);
        switch (kind)
        {
            case AttachmentPreview.Kind.Image:
                context.Response.Headers.ContentDisposition = "inline";
                return Results.File(found.Content, found.Info.ContentType.ToLowerInvariant());
            case AttachmentPreview.Kind.Pdf:
                // Chromium's PDF viewer refuses to run in a sandboxed document, so a PDF gets no 'sandbox'; it still
                // may load nothing, be framed only by the portal, and its own scripts run in the viewer, not our origin.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; object-src 'self'; frame-ancestors 'self'";
                context.Response.Headers.XFrameOptions = "SAMEORIGIN";
                context.Response.Headers.ContentDisposition = "inline";
                return Results.File(found.Content, "application/pdf");
            default:
                return Results.File(found.Content, "application/octet-stream", found.Info.FileName);
        }
    }

    private static async Task<IResult> SourceAsync(Guid messageId, ClaimsPrincipal user, IMessageQueries queries, IMessageStore store, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var message = await FindAsync(user, messageId, queries, cancellationToken);
        if (message is null)
        {
            return NotFound(user, messageId, loggers);
        }

        Harden(context);
        var raw = await store.OpenContentAsync(message, cancellationToken);
        return Results.Stream(raw, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> PrintAsync(Guid messageId, ClaimsPrincipal user, IMessageQueries queries, IMessageStore store, IRemoteImageSenders senders, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var message = await FindAsync(user, messageId, queries, cancellationToken);
        if (message is null)
        {
            return NotFound(user, messageId, loggers);
        }

        // Remote images only when the reader always allows them from this sender; "show images" once is not remembered.
        var allowRemote = await senders.IsAllowedAsync(message.MailboxId, message.From, cancellationToken);
        RenderedMessage rendered;
        await using (var raw = await store.OpenContentAsync(message, cancellationToken))
        {
            rendered = MessageRenderer.Render(raw, allowRemote);
        }

        var (html, csp) = PrintDocument.Build(rendered, allowRemote);
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = csp;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult NotFound(ClaimsPrincipal user, Guid messageId, ILoggerFactory loggers)
    {
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var mailboxId);
        WebmailLog.MessageNotFound(loggers.CreateLogger(typeof(MailEndpoints)), mailboxId, messageId);
        return Results.NotFound();
    }

    private static Task<Message?> FindAsync(ClaimsPrincipal user, Guid messageId, IMessageQueries queries, CancellationToken cancellationToken) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var mailboxId)
            ? queries.FindAsync(mailboxId, messageId, cancellationToken)
            : Task.FromResult<Message?>(null);

    private static void Harden(HttpContext context)
    {
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'";
    }
}
