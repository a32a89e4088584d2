using System.Text;
using MimeKit;
using Portal.Core.Delivery;

namespace Portal.Core.Tests.Delivery;

public sealed class BounceBuilderTests
{
    [Fact]
    public void A_bounce_is_a_delivery_status_report_with_the_original_headers()
    {
        var original = new OutboundMessage { BlobId = "x", Sender = "alice@example.test", EnvelopeId = "env-1", CreatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var failed = new OutboundRecipient { Address = "bob@remote.test", Domain = "remote.test", OriginalRecipient = "rfc822;bob@remote.test", LastResponse = "550 5.1.1 No such user", LastAttemptUtc = original.CreatedUtc };
        var content = Encoding.ASCII.GetBytes("Subject: Hi\r\nFrom: alice@example.test\r\n\r\nsecret body\r\n");

        var bounce = BounceBuilder.Build("mx.example.test", original, [failed], content, DateTimeOffset.UnixEpoch);

        var report = Assert.IsType<MultipartReport>(bounce.Body);
        Assert.Equal("delivery-status", report.ReportType);
        var status = Assert.IsType<MessageDeliveryStatus>(report[1]);
        Assert.Equal("dns; mx.example.test", status.StatusGroups[0]["Reporting-MTA"]);
        Assert.Equal("env-1", status.StatusGroups[0]["Original-Envelope-Id"]);
        Assert.Equal("5.1.1", status.StatusGroups[1]["Status"]);
        Assert.Equal("failed", status.StatusGroups[1]["Action"]);
        using var headers = new MemoryStream();
        ((MimePart)report[2]).Content!.DecodeTo(headers);
        var text = Encoding.ASCII.GetString(headers.ToArray());
        Assert.Contains("Subject: Hi", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret body", text, StringComparison.Ordinal);
        Assert.Equal("alice@example.test", bounce.To.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("550 5.1.1 No such user", "5.1.1")]
    [InlineData("451 4.4.7 Delivery time expired", "4.4.7")]
    [InlineData("554 rejected", "5.0.0")]
    public void The_status_comes_from_the_enhanced_code(string response, string status) =>
        Assert.Equal(status, BounceBuilder.StatusOf(response));
}
