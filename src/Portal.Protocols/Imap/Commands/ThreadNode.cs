using System.Text;

namespace Portal.Protocols.Imap.Commands;

/// <summary>A node of a THREAD tree: a message, or a dummy (<see cref="Message"/> null) standing for a missing one.</summary>
internal sealed class ThreadNode(ThreadMessage? message)
{
    public ThreadMessage? Message { get; set; } = message;

    /// <summary>Kept while links are made (RFC 5256 §5 step 1); the later steps work on <see cref="Children"/> only.</summary>
    public ThreadNode? Parent { get; set; }

    public List<ThreadNode> Children { get; set; } = [];

    /// <summary>The message a node sorts and is named by: its own, or a dummy's first child's (RFC 5256 §5 steps 4-6).</summary>
    public ThreadMessage First
    {
        get
        {
            var node = this;
            while (node.Message is null)
            {
                node = node.Children[0];
            }

            return node.Message;
        }
    }

    /// <summary>
    /// The threads as RFC 5256 §4 writes them after "THREAD": "" for none, else " (1)(2 3)(4 (5)(6))". A single child
    /// follows its parent in the same list; two or more each get their own parenthesised list; a dummy contributes
    /// no number. Written without recursion so a long reply chain cannot exhaust the stack.
    /// </summary>
    public static string Format(IReadOnlyList<ThreadNode> roots)
    {
        if (roots.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(" ");
        var pending = new Stack<object>();
        PushLists(pending, roots);
        while (pending.TryPop(out var item))
        {
            if (item is string literal)
            {
                text.Append(literal);
                continue;
            }

            var node = (ThreadNode)item;
            if (node.Message is { } message)
            {
                text.Append(ImapFormat.Number(message.Number));
            }

            if (node.Children.Count == 1)
            {
                // thread-members: the only child continues this list.
                pending.Push(node.Children[0]);
                if (node.Message is not null)
                {
                    pending.Push(" ");
                }
            }
            else if (node.Children.Count > 1)
            {
                // thread-nested: two or more children, each its own list.
                PushLists(pending, node.Children);
                if (node.Message is not null)
                {
                    pending.Push(" ");
                }
            }
        }

        return text.ToString();
    }

    private static void PushLists(Stack<object> pending, IReadOnlyList<ThreadNode> nodes)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            pending.Push(")");
            pending.Push(nodes[i]);
            pending.Push("(");
        }
    }
}
