using System.Globalization;
using System.Text;
using MimeKit;

namespace Portal.Benchmarks;

/// <summary>
/// The "1 MB message with attachments" of issue 5: an HTML report (tables, a remote image to block, an inline
/// <c>cid:</c> image), its plain-text alternative, a PDF and a JPEG attachment; about 1 MB on the wire.
/// </summary>
internal static class WebmailMessage
{
    public const string Subject = "Quarterly report with attachments";

    public static byte[] Create(DateTime date)
    {
        var random = new Random(42);
        var html = new StringBuilder("<html><body><h1>Quarterly report</h1><p><img src=\"https://images.example.com/logo.png\" alt=\"logo\"></p>");
        var text = new StringBuilder("Quarterly report\r\n\r\n");
        for (var row = 0; row < 400; row++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"Region {row % 17}, product {row}: {random.Next(1000, 99999)} units, {random.NextDouble() * 100:F1}% of plan");
            html.Append("<table style=\"border-collapse:collapse\"><tr><td style=\"padding:2px\">").Append(line).Append("</td><td><a href=\"https://reports.example.com/r/").Append(row).Append("\">details</a></td></tr></table>");
            text.Append(line).Append("\r\n");
        }

        html.Append("<p><img src=\"cid:chart\" alt=\"chart\"></p></body></html>");
        var builder = new BodyBuilder { HtmlBody = html.ToString(), TextBody = text.ToString() };
        var chart = builder.LinkedResources.Add("chart.png", Bytes(random, 120_000), new ContentType("image", "png"));
        chart.ContentId = "chart";
        builder.Attachments.Add("report.pdf", Bytes(random, 420_000), new ContentType("application", "pdf"));
        builder.Attachments.Add("photo.jpg", Bytes(random, 180_000), new ContentType("image", "jpeg"));
        var message = new MimeMessage
        {
            Subject = Subject,
            Date = new DateTimeOffset(date),
            MessageId = "quarterly-report@bench.test",
            Body = builder.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress("Carla Novak", "carla.novak@corp.example"));
        message.To.Add(new MailboxAddress("Bench", "bench@bench.test"));
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
