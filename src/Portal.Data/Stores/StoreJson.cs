using System.Text.Json;

namespace Portal.Data.Stores;

/// <summary>How cached structures (envelope, body structure) are serialised in the database.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
