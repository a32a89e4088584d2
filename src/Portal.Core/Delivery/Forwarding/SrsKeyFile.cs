using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Delivery.Forwarding;

/// <summary>The SRS key: the configured secret, or a random one made once in <c>{DataDirectory}/keys/srs.key</c>.</summary>
public static class SrsKeyFile
{
    public static SrsAddress Create(ForwardingOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SrsSecret.Length > 0)
        {
            return new SrsAddress(Encoding.UTF8.GetBytes(options.SrsSecret), options.SrsMaxAge);
        }

        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, "srs.key");
        Directory.CreateDirectory(directory);
        if (!File.Exists(path))
        {
            // Written aside and moved in place, so two nodes starting together end up agreeing on one key.
            var temp = Path.Combine(directory, $"srs.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temp, RandomNumberGenerator.GetBytes(32));
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        return new SrsAddress(File.ReadAllBytes(path), options.SrsMaxAge);
    }
}
