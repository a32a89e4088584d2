using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Groupware;

namespace Portal.Web.Tests.Mail;

/// <summary>Recipient suggestions: the user's contacts and their own domain, never another domain's accounts.</summary>
public sealed class ComposeAutocompleteTests(ComposeHost fixture) : IClassFixture<ComposeHost>
{
    [Fact]
    public async Task Suggestions_come_from_contacts_and_the_own_domain_only()
    {
        var alice = await fixture.NewMailboxAsync("acme.test", "alice");
        var colleague = await fixture.NewMailboxAsync("acme.test", "carla");
        var stranger = await fixture.NewMailboxAsync("other-tenant.test", "carmen");
        var groupware = fixture.Host.Services.GetRequiredService<IGroupwareStore>();
        var book = (await groupware.ListCollectionsAsync(alice.Id, CollectionKind.AddressBook)).Single();
        await groupware.PutItemAsync(book.Id, new ItemWrite(
            "carl.vcf", "carl", CollectionKind.AddressBook,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:carl\r\nFN:Carl Contact\r\nEMAIL:carl@friends.example\r\nEND:VCARD\r\n",
            DisplayName: "Carl Contact", Email: "carl@friends.example"));
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);

        var to = page.GetByTestId("compose-to");
        await to.FillAsync("someone@example.test, car");
        var suggestions = page.GetByTestId("compose-to-suggestions").GetByTestId("recipient-suggestion");
        await Assertions.Expect(suggestions.Filter(new() { HasText = "Carl Contact" })).ToHaveCountAsync(1);
        await Assertions.Expect(suggestions.Filter(new() { HasText = colleague.Address })).ToHaveCountAsync(1);
        await Assertions.Expect(suggestions).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText(stranger.Address)).ToHaveCountAsync(0);

        await suggestions.Filter(new() { HasText = colleague.Address }).ClickAsync();
        await Assertions.Expect(to).ToHaveValueAsync($"someone@example.test, {colleague.Address}, ");
        await Assertions.Expect(suggestions).ToHaveCountAsync(0);

        // The other tenant's user is not offered however it is asked for.
        await to.FillAsync("carmen");
        await to.PressAsync("n");
        await to.PressAsync("Backspace");
        await Assertions.Expect(page.GetByTestId("compose-to")).ToHaveValueAsync("carmen");
        await Assertions.Expect(page.GetByTestId("recipient-suggestion")).ToHaveCountAsync(0);
    }
}
