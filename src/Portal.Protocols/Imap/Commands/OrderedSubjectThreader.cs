namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// THREAD=ORDEREDSUBJECT, RFC 5256 §4: one thread per base subject, its messages by sent date; the first is the
/// parent and every later one its child (no grandchildren); threads ordered by their first message's sent date.
/// </summary>
internal static class OrderedSubjectThreader
{
    public static List<ThreadNode> Build(IReadOnlyList<ThreadMessage> messages)
    {
        var threads = new Dictionary<string, List<ThreadMessage>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!threads.TryGetValue(message.Subject.Text, out var thread))
            {
                threads[message.Subject.Text] = thread = [];
            }

            thread.Add(message);
        }

        var roots = new List<ThreadNode>(threads.Count);
        foreach (var thread in threads.Values)
        {
            thread.Sort((a, b) => a.CompareTo(b));
            roots.Add(new ThreadNode(thread[0]) { Children = thread.Skip(1).Select(m => new ThreadNode(m)).ToList() });
        }

        roots.Sort((a, b) => a.First.CompareTo(b.First));
        return roots;
    }
}
