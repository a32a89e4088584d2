using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Delivery;
using Portal.Core.Devices;
using Portal.Core.Groupware;
using Portal.Core.Mail;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using Portal.Data.Identity;
using Portal.Data.Search;

namespace Portal.Data;

/// <summary>The one database context: Identity plus the store. Entity configurations live in <c>Configuration/</c>.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Reseller> Resellers => Set<Reseller>();
    public DbSet<Domain> Domains => Set<Domain>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<Alias> Aliases => Set<Alias>();
    public DbSet<Folder> Folders => Set<Folder>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageTextRow> MessageTexts => Set<MessageTextRow>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<ItemChange> ItemChanges => Set<ItemChange>();
    public DbSet<AppPassword> AppPasswords => Set<AppPassword>();
    public DbSet<SyncDevice> SyncDevices => Set<SyncDevice>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<OutboundRecipient> OutboundRecipients => Set<OutboundRecipient>();
    public DbSet<DkimKey> DkimKeys => Set<DkimKey>();
    public DbSet<Portal.Core.Delivery.Rules.MailboxRules> MailboxRules => Set<Portal.Core.Delivery.Rules.MailboxRules>();
    public DbSet<Portal.Core.Delivery.Rules.VacationReplyRecord> VacationReplies => Set<Portal.Core.Delivery.Rules.VacationReplyRecord>();
    public DbSet<Portal.Core.Mail.Reading.RemoteImageSender> RemoteImageSenders => Set<Portal.Core.Mail.Reading.RemoteImageSender>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
