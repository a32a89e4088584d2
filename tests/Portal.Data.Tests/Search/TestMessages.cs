using System.Text;

namespace Portal.Data.Tests.Search;

internal static class TestMessages
{
    public static MemoryStream Plain(string subject, string body) => Raw(
        $"From: sender@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\n{body}\r\n");

    public static MemoryStream Raw(string text) => new(Encoding.UTF8.GetBytes(text));
}
