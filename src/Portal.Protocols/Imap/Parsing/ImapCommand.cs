namespace Portal.Protocols.Imap.Parsing;

/// <summary>A parsed IMAP command: a closed set of records, one per command shape. The session runs them.</summary>
public abstract record ImapCommand(string Tag)
{
    /// <summary>CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, NAMESPACE, IDLE.</summary>
    public sealed record Simple(string Tag, string Verb) : ImapCommand(Tag);

    public sealed record Login(string Tag, string User, string Password) : ImapCommand(Tag);

    public sealed record Authenticate(string Tag, string Mechanism, string? InitialResponse) : ImapCommand(Tag);

    public sealed record Id(string Tag, IReadOnlyDictionary<string, string?> Fields) : ImapCommand(Tag);

    public sealed record Enable(string Tag, IReadOnlyList<string> Capabilities) : ImapCommand(Tag);

    /// <summary>SELECT, EXAMINE, CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE on one mailbox name.</summary>
    public sealed record MailboxVerb(string Tag, string Verb, string Mailbox, bool CondStore = false, QResyncParameters? QResync = null) : ImapCommand(Tag);

    /// <summary>RFC 7162 §3.2.5 SELECT (QRESYNC (uidvalidity modseq [known-uids])).</summary>
    public sealed record QResyncParameters(long UidValidity, long ModSeq, SequenceSet? KnownUids);

    public sealed record Rename(string Tag, string From, string To) : ImapCommand(Tag);

    /// <summary>LIST (with RFC 5258 selection and return options, RFC 5819 STATUS) and LSUB.</summary>
    public sealed record List(string Tag, bool Lsub, string Reference, IReadOnlyList<string> Patterns, IReadOnlyCollection<string> Selection, IReadOnlyCollection<string> Return, IReadOnlyList<string> StatusItems) : ImapCommand(Tag)
    {
        public bool SubscribedOnly => Lsub || Selection.Contains("SUBSCRIBED");

        /// <summary>RFC 6154 §3: only special-use mailboxes.</summary>
        public bool SpecialUseOnly => Selection.Contains("SPECIAL-USE");

        public bool RecursiveMatch => Selection.Contains("RECURSIVEMATCH");

        /// <summary>RFC 5258 §3: the SUBSCRIBED selection option implies the SUBSCRIBED return option.</summary>
        public bool ReturnSubscribed => !Lsub && (Return.Contains("SUBSCRIBED") || Selection.Contains("SUBSCRIBED"));
    }

    public sealed record Status(string Tag, string Mailbox, IReadOnlyList<string> Items) : ImapCommand(Tag);

    public sealed record Append(string Tag, string Mailbox, IReadOnlyList<string> Flags, DateTimeOffset? Date, byte[] Message) : ImapCommand(Tag);

    /// <summary>COMPRESS (RFC 4978) with its mechanism name.</summary>
    public sealed record Compress(string Tag, string Mechanism) : ImapCommand(Tag);

    public sealed record Fetch(string Tag, bool ByUid, SequenceSet Set, IReadOnlyList<FetchItem> Items, long? ChangedSince, bool Vanished = false) : ImapCommand(Tag);

    public sealed record Store(string Tag, bool ByUid, SequenceSet Set, char Mode, bool Silent, IReadOnlyList<string> Flags, long? UnchangedSince) : ImapCommand(Tag);

    public sealed record Copy(string Tag, bool ByUid, SequenceSet Set, string Mailbox, bool Move) : ImapCommand(Tag);

    public sealed record UidExpunge(string Tag, SequenceSet Set) : ImapCommand(Tag);

    /// <summary>GETQUOTAROOT (a mailbox), GETQUOTA (a root) and SETQUOTA (RFC 9208).</summary>
    public sealed record Quota(string Tag, string Verb, string Argument) : ImapCommand(Tag);

    /// <summary>SORT and UID SORT (RFC 5256 §3): sort criteria (REVERSE applies to the one after it), then search keys.</summary>
    public sealed record Sort(string Tag, bool ByUid, IReadOnlyList<(string Key, bool Reverse)> Criteria, SearchKey Key) : ImapCommand(Tag);

    /// <summary>THREAD and UID THREAD (RFC 5256 §4): the algorithm, then search keys (the charset is checked by the parser).</summary>
    public sealed record Thread(string Tag, bool ByUid, ThreadAlgorithm Algorithm, SearchKey Key) : ImapCommand(Tag);

    /// <summary>SEARCH; <see cref="Return"/> is null for the classic reply, else the RFC 4731 ESEARCH options (empty means ALL).</summary>
    public sealed record Search(string Tag, bool ByUid, SearchKey Key, IReadOnlyList<string>? Return) : ImapCommand(Tag);
}
