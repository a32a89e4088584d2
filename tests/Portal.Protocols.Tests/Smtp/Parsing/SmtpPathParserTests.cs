using System.Text;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Tests.Smtp.Parsing;

public sealed class SmtpPathParserTests
{
    [Theory]
    [InlineData("FROM:<a@b.test>", "a@b.test")]
    [InlineData("from: <a@b.test>", "a@b.test")]
    [InlineData("FROM:<@relay.test,@other.test:a@b.test>", "a@b.test")]
    [InlineData("FROM:<\"quoted local\"@b.test>", "\"quoted local\"@b.test")]
    [InlineData("FROM:<a@[192.0.2.1]>", "a@[192.0.2.1]")]
    [InlineData("FROM:<ü@bücher.test>", "ü@bücher.test")]
    [InlineData("FROM:<>", "")]
    public void Valid_reverse_paths_parse(string argument, string address)
    {
        Assert.True(SmtpPathParser.TryParseMail(argument, out var command, out _));
        Assert.Equal(address, command.Path.Address);
    }

    [Theory]
    [InlineData("FROM:a@b.test")]
    [InlineData("FROM:<a@b.test")]
    [InlineData("FROM:<a.@b.test>")]
    [InlineData("FROM:<a@-b.test>")]
    [InlineData("FROM:<a b@b.test>")]
    [InlineData("FROM:<a@b.test>SIZE=1")]
    [InlineData("FROM:<a@b.test> SIZE=")]
    [InlineData("TO:<a@b.test>")]
    public void Invalid_reverse_paths_are_refused(string argument) =>
        Assert.False(SmtpPathParser.TryParseMail(argument, out _, out _));

    [Fact]
    public void Parameters_are_collected_with_upper_case_keys()
    {
        Assert.True(SmtpPathParser.TryParseMail("FROM:<a@b.test> size=1000 BODY=8BITMIME SMTPUTF8", out var command, out _));
        Assert.Equal("1000", command.Parameters["SIZE"]);
        Assert.Equal("8BITMIME", command.Parameters["BODY"]);
        Assert.Null(command.Parameters["SMTPUTF8"]);
    }

    [Fact]
    public void Rcpt_allows_postmaster_without_domain_but_not_the_null_path()
    {
        Assert.True(SmtpPathParser.TryParseRcpt("TO:<Postmaster>", out var postmaster, out _));
        Assert.Null(postmaster.Path.Domain);
        Assert.False(SmtpPathParser.TryParseRcpt("TO:<>", out _, out _));
        Assert.True(SmtpPathParser.TryParseRcpt("TO:<a@b.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b.test", out var rcpt, out _));
        Assert.Equal("SUCCESS,FAILURE", rcpt.Parameters["NOTIFY"]);
    }

    [Fact]
    public void Local_parts_over_64_octets_parse_for_srs_but_the_path_stays_bounded()
    {
        Assert.True(SmtpPathParser.TryParseRcpt($"TO:<SRS0=abcdefgh=ZZ=first-long-domain.test={new string('a', 60)}@b.test>", out var srs, out _));
        Assert.Equal(100, srs.Path.LocalPart?.Length);
        Assert.False(SmtpPathParser.TryParseRcpt($"TO:<{new string('a', 251)}@b.test>", out _, out _));
        Assert.False(SmtpPathParser.TryParseRcpt($"TO:<{new string('a', 200)}@{new string('b', 60)}.test>", out _, out _));
    }

    [Theory]
    [InlineData("ehlo client.test", SmtpVerb.Ehlo, "client.test")]
    [InlineData("MAIL FROM:<a@b.test>", SmtpVerb.Mail, "FROM:<a@b.test>")]
    [InlineData("StartTLS", SmtpVerb.StartTls, "")]
    [InlineData("XYZZY now", SmtpVerb.Unknown, "now")]
    public void Command_lines_split_into_verb_and_argument(string line, SmtpVerb verb, string argument)
    {
        Assert.True(SmtpCommandParser.TryParse(Encoding.UTF8.GetBytes(line), out var command));
        Assert.Equal((verb, argument), (command.Verb, command.Argument));
    }

    [Fact]
    public void Invalid_utf8_and_nul_are_not_commands()
    {
        Assert.False(SmtpCommandParser.TryParse([0x4E, 0x4F, 0xFF], out _));
        Assert.False(SmtpCommandParser.TryParse("NO\0OP"u8, out _));
    }

    [Fact]
    public void Only_a_dot_closed_by_crlf_ends_data()
    {
        Assert.True(DataLine.IsEnd("."u8, endedWithCrLf: true));
        Assert.False(DataLine.IsEnd("."u8, endedWithCrLf: false));
        Assert.Equal("..x"u8.ToArray()[1..], DataLine.Unstuff("..x"u8).ToArray());
        Assert.True(DataLine.HasBareCr("a\rb"u8));
    }
}
