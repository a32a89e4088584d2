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

    [Fact]
    public async Task Arrow_keys_move_through_suggestions_Enter_takes_one_and_Escape_closes_them()
    {
        var writer = await fixture.NewMailboxAsync("keys.test");
        await fixture.NewMailboxAsync("keys.test", "kbone");
        await fixture.NewMailboxAsync("keys.test", "kbtwo");
        var page = await fixture.SignedInPageAsync(writer);
        await fixture.OpenComposeAsync(page);

        var to = page.GetByTestId("compose-to");
        await to.FillAsync("kb");
        var suggestions = page.GetByTestId("compose-to-suggestions").GetByTestId("recipient-suggestion");
        await Assertions.Expect(suggestions).ToHaveCountAsync(2);
        var offered = (await suggestions.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var highlighted = page.GetByTestId("compose-to-suggestions").Locator("[data-testid=recipient-suggestion][aria-selected=true]");
        await Assertions.Expect(highlighted).ToHaveCountAsync(0);

        // Down, down, up: the highlight walks the list (and wraps); Enter takes the highlighted address.
        await to.PressAsync("ArrowDown");
        await Assertions.Expect(highlighted).ToHaveTextAsync(offered[0]);
        await to.PressAsync("ArrowDown");
        await Assertions.Expect(highlighted).ToHaveTextAsync(offered[1]);
        await to.PressAsync("ArrowDown");
        await Assertions.Expect(highlighted).ToHaveTextAsync(offered[0]);
        await to.PressAsync("ArrowUp");
        await Assertions.Expect(highlighted).ToHaveTextAsync(offered[1]);
        await to.PressAsync("Enter");
        await Assertions.Expect(to).ToHaveValueAsync($"{offered[1]}, ");
        await Assertions.Expect(suggestions).ToHaveCountAsync(0);

        // Escape closes the suggestions and leaves the text as typed; Enter without a highlight takes nothing.
        await to.PressSequentiallyAsync("kb");
        await Assertions.Expect(suggestions).ToHaveCountAsync(2);
        await to.PressAsync("Enter");
        await Assertions.Expect(to).ToHaveValueAsync($"{offered[1]}, kb");
        await to.PressAsync("Escape");
        await Assertions.Expect(suggestions).ToHaveCountAsync(0);
        await Assertions.Expect(to).ToHaveValueAsync($"{offered[1]}, kb");
    }
}
