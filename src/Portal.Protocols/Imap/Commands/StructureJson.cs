using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// Compile-time JSON metadata for the cached envelope and MIME tree (web defaults, as the store writes them): FETCH
/// ENVELOPE/BODYSTRUCTURE reads two per message, and the reflection path's record constructors cost more than the rest.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BodyPart))]
[JsonSerializable(typeof(MessageEnvelope))]
internal sealed partial class StructureJson : JsonSerializerContext;
