using System.Security.Claims;
using Portal.Core.Delivery;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Mail;

/// <summary>Downloads for the webmail: attachments and a message's source, only ever from the signed-in user's own mailbox.</summary>
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
        return app;
    }

    private static async Task<IResult> AttachmentAsync(Guid messageId, int index, ClaimsPrincipal user, IMessageQueries queries, IMessageStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var message = await FindAsync(user, messageId, queries, cancellationToken);
        if (message is null)
        {
            return Results.NotFound();
        }

        await using var raw = await store.OpenContentAsync(message, cancellationToken);
        var attachment = MessageRenderer.ReadAttachment(raw, index);
        if (attachment is not { } found)
        {
            return Results.NotFound();
        }

        // Images and PDF may be previewed in the browser; anything else is a download. Nothing runs in our origin.
        var previewable = found.Info.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !found.Info.ContentType.Contains("svg", StringComparison.OrdinalIgnoreCase)
            || found.Info.ContentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);
        Harden(context);
        return previewable && context.Request.Query.ContainsKey("inline")
            ? Results.File(found.Content, found.Info.ContentType)
            : Results.File(found.Content, "application/octet-stream", found.Info.FileName);
    }

    private static async Task<IResult> SourceAsync(Guid messageId, ClaimsPrincipal user, IMessageQueries queries, IMessageStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var message = await FindAsync(user, messageId, queries, cancellationToken);
        if (message is null)
        {
            return Results.NotFound();
        }

        Harden(context);
        var raw = await store.OpenContentAsync(message, cancellationToken);
        return Results.Stream(raw, "text/plain; charset=utf-8");
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
