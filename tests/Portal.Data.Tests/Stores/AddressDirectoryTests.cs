using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Groupware;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Tenancy;
using Portal.Data;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class AddressDirectoryTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Suggestions_come_from_own_contacts_own_domain_and_own_sent_mail_only(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var alice = await store.AddMailboxAsync("alice@example.test");
        await store.AddMailboxAsync("carla@example.test");
        var bob = await store.AddMailboxAsync("bob@example.test");
        await store.AddMailboxAsync("carmen@other.test");
        var contexts = store.Get<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var domains = await db.Domains.ToDictionaryAsync(d => d.Name);
            db.Aliases.Add(new Alias { DomainId = domains["example.test"].Id, Address = "cars@example.test", Targets = "alice@example.test" });
            db.Aliases.Add(new Alias { DomainId = domains["other.test"].Id, Address = "carpool@other.test", Targets = "carmen@other.test" });
            await db.SaveChangesAsync();
        }

        var groupware = store.Get<IGroupwareStore>();
        await groupware.PutItemAsync(await AddressBookAsync(groupware, alice), Contact("c1.vcf", "Carl Contact", "Carl@Friends.example"));
        await groupware.PutItemAsync(await AddressBookAsync(groupware, bob), Contact("c2.vcf", "Caroline Bobs-Friend", "caroline@bobs.example"));
        var messages = store.Get<IMessageStore>();
        var sent = (await messages.FindFolderAsync(alice.Id, FolderRole.Sent))!;
        await messages.AppendAsync(sent.Id, new AppendRequest(new MemoryStream(Encoding.UTF8.GetBytes(
            "From: alice@example.test\r\nTo: \"Cary Recent\" <cary@recent.example>\r\nCc: someone@else.example\r\nSubject: hi\r\n\r\nhi\r\n"))));
        var bobsSent = (await messages.FindFolderAsync(bob.Id, FolderRole.Sent))!;
        await messages.AppendAsync(bobsSent.Id, new AppendRequest(new MemoryStream(Encoding.UTF8.GetBytes(
            "From: bob@example.test\r\nTo: carsten@bobs-recent.example\r\nSubject: hi\r\n\r\nhi\r\n"))));
        var directory = store.Get<IAddressDirectory>();

        var found = await directory.SuggestAsync(alice.Id, "CAR", limit: 20);

        Assert.Equal(
            [("Carl@Friends.example", AddressSource.Contact), ("carla@example.test", AddressSource.Directory), ("cars@example.test", AddressSource.Directory), ("cary@recent.example", AddressSource.Recent)],
            found.Select(s => (s.Address, s.Source)));
        Assert.Equal("\"Carl Contact\" <Carl@Friends.example>", found[0].ToRecipient());
        Assert.Equal("cars@example.test", found[2].ToRecipient());

        // Another domain's accounts and aliases, and another mailbox's contacts and recipients, never appear.
        Assert.Empty(await directory.SuggestAsync(alice.Id, "carmen"));
        Assert.Empty(await directory.SuggestAsync(alice.Id, "carpool"));
        Assert.Empty(await directory.SuggestAsync(alice.Id, "caroline"));
        Assert.Empty(await directory.SuggestAsync(alice.Id, "carsten"));
        Assert.Empty(await directory.SuggestAsync(alice.Id, "alice"));
        Assert.Empty(await directory.SuggestAsync(Guid.NewGuid(), "car"));
        Assert.Equal(2, (await directory.SuggestAsync(alice.Id, "car", limit: 2)).Count);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Display_name_and_signature_are_saved_validated_and_html_sanitized(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var alice = await store.AddMailboxAsync("alice@example.test");
        var identities = store.Get<IMailIdentities>();

        await identities.SetAsync(alice.Id, "  Alice Example ", "<b>Alice</b><img src=x onerror=alert(1)>", signatureIsHtml: true);
        var saved = await identities.GetAsync(alice.Id);

        Assert.Equal(new MailIdentity("alice@example.test", "Alice Example", "<b>Alice</b>", true), saved);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => identities.SetAsync(alice.Id, "Two\nlines", null, false));
        Assert.Contains("line breaks", refused.Message, StringComparison.Ordinal);
        Assert.Equal(saved, await identities.GetAsync(alice.Id));
        await identities.SetAsync(alice.Id, "", "  ", false);
        Assert.Equal(new MailIdentity("alice@example.test", null, null, false), await identities.GetAsync(alice.Id));
    }

    private static async Task<Guid> AddressBookAsync(IGroupwareStore groupware, Mailbox mailbox) =>
        (await groupware.ListCollectionsAsync(mailbox.Id, CollectionKind.AddressBook)).Single().Id;

    private static ItemWrite Contact(string name, string fullName, string email) => new(
        name,
        name.Replace(".vcf", "@example.test", StringComparison.Ordinal),
        CollectionKind.AddressBook,
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{name}\r\nFN:{fullName}\r\nEMAIL:{email}\r\nEND:VCARD\r\n",
        DisplayName: fullName,
        Email: email);
}
