using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Protocols.Tests.Imap;

public sealed class ImapSortQuotaTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Sort_orders_by_subject_size_and_reverse_arrival()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        var inbox = client.Inbox;
        await inbox.AppendAsync(ImapUpdatesTests.Message("Re: beta", new string('x', 3000)));
        await inbox.AppendAsync(ImapUpdatesTests.Message("alpha", "short"));
        await inbox.AppendAsync(ImapUpdatesTests.Message("[list] Gamma", new string('y', 1000)));
        await inbox.OpenAsync(FolderAccess.ReadOnly);

        Assert.Equal([2u, 1u, 3u], (await inbox.SortAsync(SearchQuery.All, [OrderBy.Subject])).Select(u => u.Id));
        Assert.Equal([2u, 3u, 1u], (await inbox.SortAsync(SearchQuery.All, [OrderBy.Size])).Select(u => u.Id));
        Assert.Equal([3u, 2u], (await inbox.SortAsync(SearchQuery.SmallerThan(2000), [OrderBy.ReverseArrival])).Select(u => u.Id));
    }

    [Fact]
    public async Task Quota_reports_usage_against_the_mailbox_limit()
    {
        var address = await fixture.NewUserAsync();
        using (var unlimited = await fixture.ConnectAsync(address))
        {
            var none = await unlimited.Inbox.GetQuotaAsync();
            Assert.Null(none.StorageLimit);
        }

        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Mailboxes.Where(m => m.Address == address).ExecuteUpdateAsync(s => s.SetProperty(m => m.QuotaBytes, 10L * 1024 * 1024));
        }

        using var client = await fixture.ConnectAsync(address);
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("big", new string('z', 5000)));
        var quota = await client.Inbox.GetQuotaAsync();
        Assert.Equal(10u * 1024, quota.StorageLimit);
        Assert.True(quota.CurrentStorageSize is >= 5 and <= 7, $"usage {quota.CurrentStorageSize} KiB");
    }
}
