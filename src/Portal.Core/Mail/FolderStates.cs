namespace Portal.Core.Mail;

/// <summary>
/// What changed in a folder since a MODSEQ (<see cref="IMessageStore.ListStatesAsync"/>). <see cref="HighestModSeq"/> was
/// read first: every change up to it is in <see cref="Changed"/> and <see cref="Expunged"/> (later ones may be too).
/// When <see cref="Complete"/> is true, <see cref="Changed"/> is the whole folder and replaces what the caller had.
/// </summary>
public sealed record FolderStates(long HighestModSeq, bool Complete, IReadOnlyList<MessageState> Changed, IReadOnlyList<long> Expunged);
