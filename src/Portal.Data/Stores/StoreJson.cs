using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Portal.Data.Stores;

/// <summary>How cached structures (envelope, body structure) are serialised in the database: camelCase, text kept readable.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
