namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// THREAD=REFERENCES, RFC 5256 §5: messages linked by their References (or In-Reply-To), missing parents as dummies
/// that are pruned or promoted, then threads of the same base subject gathered, siblings ordered by sent date.
/// Every walk is iterative: a reply chain thousands deep must not exhaust the stack.
/// </summary>
internal static class ReferencesThreader
{
    /// <summary>The top-level threads of <paramref name="messages"/>, which are in sequence order.</summary>
    public static List<ThreadNode> Build(IReadOnlyList<ThreadMessage> messages)
    {
        var root = Link(messages);
        root = Prune(root);

        // Step 4: the top level by sent date, a dummy by its first child once its children are in order.
        foreach (var dummy in root.Where(n => n.Message is null))
        {
            dummy.Children.Sort(Compare);
        }

        root.Sort(Compare);
        root = GatherBySubject(root);
        SortSiblings(root);
        return root;
    }

    /// <summary>Steps 1 and 2: parent/child links from the message ids; the nodes left without a parent.</summary>
    private static List<ThreadNode> Link(IReadOnlyList<ThreadMessage> messages)
    {
        // Message ids are compared case-sensitively; of two messages with one id the lower sequence number keeps it,
        // the other (and a message without an id) is reachable by no id, as if given a unique one.
        var byId = new Dictionary<string, ThreadNode>(StringComparer.Ordinal);
        var nodes = new List<ThreadNode>(messages.Count);
        foreach (var message in messages)
        {
            var node = new ThreadNode(message);
            nodes.Add(node);
            if (message.MessageId is { Length: > 0 } id)
            {
                byId.TryAdd(id, node);
            }
        }

        foreach (var node in nodes)
        {
            var references = node.Message!.References;
            ThreadNode? previous = null;
            foreach (var id in references)
            {
                // Step 1A: each reference the parent of the next, a dummy for an id no message holds; an existing
                // parent is kept (the header may have been truncated) and no link may close a loop.
                if (!byId.TryGetValue(id, out var current))
                {
                    current = new ThreadNode(null);
                    byId[id] = current;
                }

                if (previous is not null && current.Parent is null && !WouldLoop(previous, current))
                {
                    Attach(previous, current);
                }

                previous = current;
            }

            // Step 1B: the last reference is the parent, replacing what 1A may have set; no references, no parent.
            if (previous is null)
            {
                Detach(node);
            }
            else if (node.Parent != previous && !WouldLoop(previous, node))
            {
                Detach(node);
                Attach(previous, node);
            }
        }

        // Step 2: what has no parent is a child of the root.
        return nodes.Concat(byId.Values.Where(n => n.Message is null)).Where(n => n.Parent is null).ToList();
    }

    /// <summary>Whether making <paramref name="parent"/> the parent of <paramref name="child"/> closes a loop.</summary>
    private static bool WouldLoop(ThreadNode parent, ThreadNode child)
    {
        for (var node = parent; node is not null; node = node.Parent)
        {
            if (node == child)
            {
                return true;
            }
        }

        return false;
    }

    private static void Attach(ThreadNode parent, ThreadNode child)
    {
        child.Parent = parent;
        parent.Children.Add(child);
    }

    private static void Detach(ThreadNode node)
    {
        node.Parent?.Children.Remove(node);
        node.Parent = null;
    }

    /// <summary>
    /// Step 3: a dummy without children goes; one with children is replaced by them, except under the root where
    /// it stays when it has more than one. Children are pruned before their parents (post-order).
    /// </summary>
    private static List<ThreadNode> Prune(List<ThreadNode> root)
    {
        var nodes = PreOrder(root);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            nodes[i].Children = Pruned(nodes[i].Children, underRoot: false);
        }

        return Pruned(root, underRoot: true);
    }

    private static List<ThreadNode> Pruned(List<ThreadNode> siblings, bool underRoot)
    {
        if (siblings.TrueForAll(n => n.Message is not null))
        {
            return siblings;
        }

        var kept = new List<ThreadNode>(siblings.Count);
        foreach (var node in siblings)
        {
            if (node.Message is not null || (underRoot && node.Children.Count > 1))
            {
                kept.Add(node);
            }
            else
            {
                kept.AddRange(node.Children);
            }
        }

        return kept;
    }

    /// <summary>
    /// Step 5: top-level threads with the same base subject are merged. The subject table holds one thread per
    /// subject, preferring a dummy, then a message that is not a reply or forward.
    /// </summary>
    private static List<ThreadNode> GatherBySubject(List<ThreadNode> root)
    {
        var table = new Dictionary<string, ThreadNode>(StringComparer.Ordinal);
        foreach (var node in root)
        {
            var subject = node.First.Subject.Text;
            if (subject.Length == 0)
            {
                continue;
            }

            if (!table.TryGetValue(subject, out var held))
            {
                table[subject] = node;
            }
            else if (held.Message is not null && (node.Message is null || (held.Message.Subject.IsReplyOrForward && !node.Message.Subject.IsReplyOrForward)))
            {
                table[subject] = node;
            }
        }

        // A thread moved under another is no longer a child of the root and is not visited again.
        var moved = new HashSet<ThreadNode>();
        var replaced = new Dictionary<ThreadNode, ThreadNode>();
        foreach (var node in root)
        {
            var subject = node.First.Subject.Text;
            if (subject.Length == 0 || moved.Contains(node) || table[subject] is var held && held == node)
            {
                continue;
            }

            moved.Add(node);
            if (held.Message is null && node.Message is null)
            {
                held.Children.AddRange(node.Children);
            }
            else if (held.Message is null || (node.Message is { Subject.IsReplyOrForward: true } && !held.Message.Subject.IsReplyOrForward))
            {
                held.Children.Add(node);
            }
            else
            {
                var dummy = new ThreadNode(null) { Children = [held, node] };
                replaced[held] = dummy;
                moved.Add(held);
                table[subject] = dummy;
            }
        }

        return root.Select(n => replaced.TryGetValue(n, out var dummy) ? dummy : n).Where(n => !moved.Contains(n)).ToList();
    }

    /// <summary>Step 6: every set of siblings by sent date, the deepest first, so a dummy sorts by its earliest child.</summary>
    private static void SortSiblings(List<ThreadNode> root)
    {
        var nodes = PreOrder(root);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            nodes[i].Children.Sort(Compare);
        }

        root.Sort(Compare);
    }

    private static int Compare(ThreadNode a, ThreadNode b) => a.First.CompareTo(b.First);

    /// <summary>Every node under the root, parents before their children.</summary>
    private static List<ThreadNode> PreOrder(List<ThreadNode> root)
    {
        var order = new List<ThreadNode>();
        var pending = new Stack<ThreadNode>(root);
        while (pending.TryPop(out var node))
        {
            order.Add(node);
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return order;
    }
}
