using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>SEARCH and UID SEARCH (RFC 3501 §6.4.4) with RFC 4731 ESEARCH results and RFC 7162 MODSEQ.</summary>
internal static class SearchHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Search command, CancellationToken cancellationToken)
    {
        var save = command.Return?.Contains("SAVE") == true;
        List<(MessageState State, long Sequence)> matches;
        try
        {
            // The key may itself use "$": it is bound to what was saved before this search.
            matches = await MatchAsync(session, command.Key, cancellationToken).ConfigureAwait(false);
        }
        catch when (save)
        {
            // RFC 5182 §2.1: a SEARCH that saves and then fails leaves "$" empty, not what it was before.
            session.Selected!.SavedUids = [];
            throw;
        }

        var results = matches.Select(m => (Number: command.ByUid ? m.State.Uid : m.Sequence, m.State.ModSeq)).ToList();
        var numbers = results.Select(r => r.Number).ToList();
        var usesModSeq = Uses<SearchKey.ModSeq>(command.Key);
        if (usesModSeq)
        {
            session.CondStoreEnabled = true;
        }

        if (save)
        {
            session.Selected!.SavedUids = Saved(command.Return!, matches.Select(m => m.State.Uid).ToList());
        }

        if (command.Return is { } options && !(options.Count > 0 && options.All(o => o == "SAVE")))
        {
            // RFC 4731 §3.1: empty RETURN () means ALL. RFC 5182 §2.4: SAVE alone answers no ESEARCH at all.
            var wanted = options.Count == 0 ? ["ALL"] : options;
            var parts = new List<string> { $"(TAG \"{command.Tag}\")" };
            if (command.ByUid)
            {
                parts.Add("UID");
            }

            if (numbers.Count > 0)
            {
                if (wanted.Contains("MIN"))
                {
                    parts.Add("MIN " + ImapFormat.Number(numbers.Min()));
                }

                if (wanted.Contains("MAX"))
                {
                    parts.Add("MAX " + ImapFormat.Number(numbers.Max()));
                }

                if (wanted.Contains("ALL"))
                {
                    parts.Add("ALL " + SequenceSet.Format(numbers.Order()));
                }
            }

            if (wanted.Contains("COUNT"))
            {
                parts.Add("COUNT " + ImapFormat.Number(numbers.Count));
            }

            if (usesModSeq && results.Count > 0)
            {
                parts.Add("MODSEQ " + ImapFormat.Number(results.Max(r => r.ModSeq)));
            }

            session.Send("* ESEARCH " + string.Join(' ', parts));
        }
        else if (command.Return is null)
        {
            var modSeq = usesModSeq && results.Count > 0 ? $" (MODSEQ {ImapFormat.Number(results.Max(r => r.ModSeq))})" : string.Empty;
            var line = new System.Text.StringBuilder("* SEARCH", 9 + (numbers.Count * 7));
            foreach (var number in numbers)
            {
                line.Append(' ').Append(number);
            }

            session.Send(line.Append(modSeq).ToString());
        }

        session.Send($"{command.Tag} OK {(command.ByUid ? "UID " : string.Empty)}SEARCH completed.");
    }

    /// <summary>
    /// What RFC 5182 §2.4 keeps: with MIN and/or MAX but neither ALL nor COUNT only those (as UIDs), else every match.
    /// </summary>
    private static List<long> Saved(IReadOnlyList<string> options, List<long> uids)
    {
        if (uids.Count == 0 || options.Contains("ALL") || options.Contains("COUNT") || !(options.Contains("MIN") || options.Contains("MAX")))
        {
            return uids;
        }

        var kept = new List<long>(2);
        if (options.Contains("MIN"))
        {
            kept.Add(uids.Min());
        }

        if (options.Contains("MAX") && !kept.Contains(uids.Max()))
        {
            kept.Add(uids.Max());
        }

        return kept;
    }

    /// <summary>The key with every "$" (RFC 5182 §2.1, in a UID or sequence-set key) replaced by the saved UIDs.</summary>
    private static SearchKey BindSaved(SearchKey key, SelectedFolder folder) => key switch
    {
        SearchKey.Uid { Set.IsSaved: true } or SearchKey.Sequence { Set.IsSaved: true } => new SearchKey.Uid(folder.Bind(SequenceSet.Saved)),
        SearchKey.And and => new SearchKey.And(and.Keys.Select(k => BindSaved(k, folder)).ToList()),
        SearchKey.Not not => new SearchKey.Not(BindSaved(not.Key, folder)),
        SearchKey.Or or => new SearchKey.Or(BindSaved(or.Left, folder), BindSaved(or.Right, folder)),
        _ => key,
    };

    /// <summary>
    /// The messages of the selected folder that match, with their sequence numbers, in sequence order. Text keys are
    /// answered by the search index first (<see cref="IMailSearch"/>), every other key but a HEADER field the index
    /// lacks from the folder's shared snapshot (<see cref="FolderSnapshot"/>): no message row is read unless such a
    /// HEADER key is present, and then only the rows of the candidates.
    /// </summary>
    public static async Task<List<(MessageState State, long Sequence)>> MatchAsync(ImapSession session, SearchKey key, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        var results = new List<(MessageState, long)>();
        if (folder.Uids.Count == 0)
        {
            return results;
        }

        key = BindSaved(key, folder);

        var indexed = new Dictionary<SearchKey, HashSet<long>>();
        foreach (var (leaf, field, text) in IndexedKeys(key))
        {
            if (!indexed.ContainsKey(leaf))
            {
                indexed[leaf] = (await session.Services.Search.FindUidsAsync(folder.Id, field, text, cancellationToken).ConfigureAwait(false)).ToHashSet();
            }
        }

        FolderSnapshot snapshot;
        try
        {
            snapshot = await session.Services.States.CurrentAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return results;
        }

        var candidates = Candidates(key, indexed);
        IEnumerable<long> uids = candidates is null ? folder.Uids : candidates.Where(u => folder.SequenceOf(u) > 0).Order();
        var states = new List<(MessageState State, int Sequence)>();
        foreach (var uid in uids)
        {
            // Messages expunged by others since the client was told are left out (RFC 3501 §7.4.1).
            if (snapshot.TryGet(uid, out var state))
            {
                states.Add((state, folder.SequenceOf(uid)));
            }
        }

        Dictionary<long, Message>? rows = null;
        if (ReadsHeaders(key, indexed) && states.Count > 0)
        {
            rows = (await session.Store.ListMessagesAsync(folder.Id, states[0].State.Uid, states[^1].State.Uid, cancellationToken).ConfigureAwait(false))
                .ToDictionary(m => m.Uid);
        }

        foreach (var (state, sequence) in states)
        {
            if (rows is null)
            {
                // Nothing to read: decided from the state alone, without an evaluator per message.
                if (SearchEvaluator.MatchesState(key, state, sequence, folder.Uids.Count, folder.LargestUid, indexed))
                {
                    results.Add((state, sequence));
                }

                continue;
            }

            var row = rows.TryGetValue(state.Uid, out var found) ? found : null;
            var evaluator = new SearchEvaluator(session.Store, state, row, sequence, folder.Uids.Count, folder.LargestUid, indexed);
            if (await evaluator.MatchesAsync(key, cancellationToken).ConfigureAwait(false))
            {
                results.Add((state, sequence));
            }
        }

        return results;
    }

    /// <summary>The message rows of the matches (SORT and THREAD need their subjects, dates and headers), by UID.</summary>
    public static async Task<Dictionary<long, Message>> RowsAsync(ImapSession session, List<(MessageState State, long Sequence)> matches, CancellationToken cancellationToken) =>
        matches.Count == 0 ? []
            : (await session.Store.ListMessagesAsync(session.Selected!.Id, matches[0].State.Uid, matches[^1].State.Uid, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.Uid);

    /// <summary>Whether the key holds a HEADER field the index does not answer, so the message itself must be read.</summary>
    private static bool ReadsHeaders(SearchKey key, Dictionary<SearchKey, HashSet<long>> indexed) => key switch
    {
        SearchKey.Header header => !indexed.ContainsKey(header),
        SearchKey.And and => and.Keys.Any(k => ReadsHeaders(k, indexed)),
        SearchKey.Not not => ReadsHeaders(not.Key, indexed),
        SearchKey.Or or => ReadsHeaders(or.Left, indexed) || ReadsHeaders(or.Right, indexed),
        _ => false,
    };

    /// <summary>The keys the index answers: FROM, TO, CC, BCC, SUBJECT (RFC 9051 §6.4.4), BODY and TEXT.</summary>
    private static IEnumerable<(SearchKey Key, SearchField Field, string Text)> IndexedKeys(SearchKey key)
    {
        switch (key)
        {
            case SearchKey.And and:
                foreach (var found in and.Keys.SelectMany(IndexedKeys))
                {
                    yield return found;
                }

                break;
            case SearchKey.Or or:
                foreach (var found in IndexedKeys(or.Left).Concat(IndexedKeys(or.Right)))
                {
                    yield return found;
                }

                break;
            case SearchKey.Not not:
                foreach (var found in IndexedKeys(not.Key))
                {
                    yield return found;
                }

                break;
            case SearchKey.Header header when SearchEvaluator.IndexedField(header.Field) is { } field:
                yield return (header, field, header.Value);
                break;
            case SearchKey.Text text:
                yield return (text, text.IncludeHeaders ? SearchField.Text : SearchField.Body, text.Value);
                break;
        }
    }

    /// <summary>UIDs outside which nothing can match (an index answer, or the intersection under AND); null for "any".</summary>
    private static HashSet<long>? Candidates(SearchKey key, Dictionary<SearchKey, HashSet<long>> indexed)
    {
        switch (key)
        {
            case SearchKey.And and:
                HashSet<long>? narrowest = null;
                foreach (var inner in and.Keys)
                {
                    if (Candidates(inner, indexed) is { } set)
                    {
                        narrowest = narrowest is null ? [.. set] : [.. narrowest.Intersect(set)];
                    }
                }

                return narrowest;
            case SearchKey.Or or:
                return Candidates(or.Left, indexed) is { } left && Candidates(or.Right, indexed) is { } right ? [.. left.Union(right)] : null;
            default:
                return indexed.TryGetValue(key, out var uids) ? uids : null;
        }
    }

    private static bool Uses<T>(SearchKey key)
        where T : SearchKey => key switch
        {
            T => true,
            SearchKey.And and => and.Keys.Any(Uses<T>),
            SearchKey.Not not => Uses<T>(not.Key),
            SearchKey.Or or => Uses<T>(or.Left) || Uses<T>(or.Right),
            _ => false,
        };
}
