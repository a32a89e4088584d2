using Portal.Core.Tenancy;

namespace Portal.Core.Tests.Tenancy;

public sealed class AddressSyntaxTests
{
    [Theory]
    [InlineData("Example.TEST", "example.test")]
    [InlineData("mail.example.test.", "mail.example.test")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public void Domains_are_normalized(string input, string expected) =>
        Assert.Equal(expected, AddressSyntax.NormalizeDomain(input));

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("-bad.example")]
    [InlineData("bad_domain.example")]
    [InlineData("a..b")]
    public void Invalid_domains_are_refused(string input) => Assert.Null(AddressSyntax.NormalizeDomain(input));

    [Theory]
    [InlineData("Alice@Example.Test", "alice@example.test")]
    [InlineData("o'brien+tag@example.test", "o'brien+tag@example.test")]
    [InlineData("josé@bücher.example", "josé@xn--bcher-kva.example")]
    public void Addresses_are_normalized(string input, string expected) =>
        Assert.Equal(expected, AddressSyntax.NormalizeAddress(input));

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.test")]
    [InlineData("alice@")]
    [InlineData("a b@example.test")]
    [InlineData(".alice@example.test")]
    [InlineData("al..ice@example.test")]
    [InlineData("alice@localhost")]
    [InlineData("<alice@example.test>")]
    public void Invalid_addresses_are_refused(string input) => Assert.Null(AddressSyntax.NormalizeAddress(input));

    [Fact]
    public void Local_part_longer_than_64_is_refused() =>
        Assert.Null(AddressSyntax.NormalizeAddress(new string('a', 65) + "@example.test"));
}
