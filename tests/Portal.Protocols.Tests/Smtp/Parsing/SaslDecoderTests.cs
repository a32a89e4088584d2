using System.Text;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Tests.Smtp.Parsing;

public sealed class SaslDecoderTests
{
    [Fact]
    public void Plain_splits_into_user_and_password()
    {
        Assert.True(SaslDecoder.TryDecode(B64("\0user@example.test\0secret"), out var decoded));
        Assert.True(SaslDecoder.TryParsePlain(decoded, out var credentials));
        Assert.Equal(("user@example.test", "secret"), (credentials.UserName, credentials.Password));
    }

    [Fact]
    public void Plain_refuses_acting_as_someone_else_and_malformed_input()
    {
        Assert.False(SaslDecoder.TryParsePlain("boss@example.test\0user@example.test\0secret", out _));
        Assert.True(SaslDecoder.TryParsePlain("USER@example.test\0user@example.test\0secret", out _));
        Assert.False(SaslDecoder.TryParsePlain("\0user@example.test", out _));
        Assert.False(SaslDecoder.TryDecode("not base64!", out _));
        Assert.True(SaslDecoder.TryDecode("=", out var empty));
        Assert.Equal(string.Empty, empty);
        Assert.True(SaslDecoder.IsCancel("*"));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
