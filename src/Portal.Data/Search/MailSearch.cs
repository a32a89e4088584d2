using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Core.Mail.Search;
using Portal.Core.Storage;
using Portal.Data.Hosting;
using Portal.Data.Stores;

namespace Portal.Data.Search;

/// <summary>
/// <see cref="IMailSearch"/> over the text rows written at store time. Needles and text are folded alike
/// (<see cref="SearchText"/>), so a LIKE '%needle%' on any provider is IMAP's case-insensitive substring test; SQLite
/// answers needles of three or more characters from its FTS5 trigram table, PostgreSQL's planner uses the pg_trgm GIN
/// indexes for the LIKE, SQL Server scans. Messages whose text the index lacks or cut short are read from their blobs,
/// so a search never misses a committed message.
/// </summary>
public sealed partial class MailSearch(IDbContextFactory<PortalDbContext> contexts, IBlobStore blobs, IOptions<DatabaseOptions> options) : IMailSearch
{
    private readonly bool _fts = options.Value.Provider == DatabaseProvider.Sqlite;

    /// <summary>The columns the webmail search box looks in.</summary>
    private static readonly SearchField[] BoxFields = [SearchField.From, SearchField.To, SearchField.Subject, SearchField.Body];

    public async Task<IReadOnlyCollection<long>> FindUidsAsync(Guid folderId, SearchField field, string text, CancellationToken cancellationToken = default)
    {
        var needle = SearchText.Fold(text);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var inFolder = db.Messages.AsNoTracking().Where(m => m.FolderId == folderId);
        if (needle.Length == 0)
        {
            return await inFolder.Select(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var found = (await Matching(db, inFolder, mailboxId: null, folderId, [field], [needle]).Select(m => m.Uid)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();

        var uncovered = await inFolder.Where(m => m.SearchState != SearchIndexState.Indexed)
            .Select(m => new { m.Uid, m.BlobId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var message in uncovered.Where(m => !found.Contains(m.Uid)))
        {
            if (await ScanAsync(message.BlobId, [field], [needle], cancellationToken).ConfigureAwait(false))
            {
                found.Add(message.Uid);
            }
        }

        return found;
    }

    public async Task<MessagePage> SearchAsync(Guid mailboxId, Guid? folderId, string query, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(SearchText.Fold).Where(w => w.Length > 0).Distinct().ToList();
        if (words.Count == 0)
        {
            return new MessagePage([], 0);
        }

        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scope = db.Messages.AsNoTracking().Where(m => m.MailboxId == mailboxId);
        if (folderId is { } id)
        {
            scope = scope.Where(m => m.FolderId == id);
        }

        var matched = Matching(db, scope, mailboxId, folderId, BoxFields, words);

        var uncovered = await scope.Where(m => m.SearchState != SearchIndexState.Indexed)
            .Select(m => new { m.Id, m.BlobId, m.InternalDateUtc }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (uncovered.Count == 0)
        {
            // The usual case: the index covers everything, so the database pages.
            var total = await matched.CountAsync(cancellationToken).ConfigureAwait(false);
            var items = await Newest(matched).Skip(skip).Take(take).Select(MessageListProjection.ListItem)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new MessagePage(items, total);
        }

        var hits = (await matched.Select(m => new { m.Id, m.BlobId, m.InternalDateUtc }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.Id);
        foreach (var message in uncovered.Where(m => !hits.ContainsKey(m.Id)))
        {
            if (await ScanAsync(message.BlobId, BoxFields, words, cancellationToken).ConfigureAwait(false))
            {
                hits[message.Id] = message;
            }
        }

        var page = hits.Values.OrderByDescending(m => m.InternalDateUtc).ThenByDescending(m => m.Id).Skip(skip).Take(take).Select(m => m.Id).ToList();
        var rows = await db.Messages.AsNoTracking().Where(m => page.Contains(m.Id)).Select(MessageListProjection.ListItem)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var order = page.Select((pageId, i) => (pageId, i)).ToDictionary(p => p.pageId, p => p.i);
        return new MessagePage(rows.OrderBy(r => order[r.Id]).ToList(), hits.Count);
    }

    private static IQueryable<Message> Newest(IQueryable<Message> messages) =>
        messages.OrderByDescending(m => m.InternalDateUtc).ThenByDescending(m => m.Id);

    /// <summary>
    /// The messages of <paramref name="scope"/> (the mailbox's, or one folder's) whose text has every needle in at least one of
    /// the fields.
    /// </summary>
    private IQueryable<Message> Matching(PortalDbContext db, IQueryable<Message> scope, Guid? mailboxId, Guid? folderId, IReadOnlyList<SearchField> fields, IReadOnlyList<string> needles)
    {
        var indexed = _fts ? needles.Where(n => n.EnumerateRunes().Count() >= 3).ToList() : [];
        var rest = needles.Except(indexed).ToList();
        if (indexed.Count == 0)
        {
            var texts = db.MessageTexts.AsNoTracking();
            foreach (var needle in rest)
            {
                texts = texts.Where(Like(fields, "%" + Escape(needle) + "%"));
            }

            return from m in scope join t in texts on m.BlobId equals t.BlobId select m;
        }

        // FTS5 trigram: a quoted phrase matches exactly the rows that contain it as a substring. The index answers
        // first and the messages are found by blob id: joined the other way round, SQLite ran the MATCH once per
        // message of the folder (seconds at 20,000 messages). The unary + keeps the planner off the folder and
        // mailbox indexes, which would make it read every message row of the scope to test its blob id.
        // Short fields only (SUBJECT, FROM, ...): their own FTS table, whose trigram lists hold no body positions.
        var columns = "{" + string.Join(' ', fields.SelectMany(Columns)) + "}";
        var table = fields.All(f => f is not (SearchField.Body or SearchField.Text)) ? "MessageFieldIndex" : "MessageTextIndex";
        var match = string.Join(" AND ", indexed.Select(n => $"{columns} : \"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        var sql = new StringBuilder("SELECT * FROM \"Messages\" WHERE \"BlobId\" IN (SELECT \"BlobId\" FROM \"MessageTexts\" WHERE \"Id\" IN ")
            .Append("(SELECT rowid FROM \"").Append(table).Append("\" WHERE \"").Append(table).Append("\" MATCH {0}))");
        var arguments = new List<object> { match };
        if (mailboxId is { } mailbox)
        {
            sql.Append(" AND +\"MailboxId\" = {").Append(arguments.Count).Append('}');
            arguments.Add(mailbox);
        }

        if (folderId is { } folder)
        {
            sql.Append(" AND +\"FolderId\" = {").Append(arguments.Count).Append('}');
            arguments.Add(folder);
        }

        var messages = db.Messages.FromSql(FormattableStringFactory.Create(sql.ToString(), [.. arguments])).AsNoTracking();
        foreach (var needle in rest)
        {
            // Needles too short for a trigram: checked on the few rows the index found.
            var texts = db.MessageTexts.Where(Like(fields, "%" + Escape(needle) + "%"));
            messages = messages.Where(m => texts.Any(t => t.BlobId == m.BlobId));
        }

        return messages;
    }

    private static IEnumerable<string> Columns(SearchField field) => field switch
    {
        SearchField.Text => ["Headers", "Body"],
        _ => [field.ToString()],
    };

    private static string Escape(string needle) => needle
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    private async Task<bool> ScanAsync(string blobId, IReadOnlyList<SearchField> fields, IReadOnlyList<string> needles, CancellationToken cancellationToken)
    {
        MessageText? text;
        try
        {
            var raw = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false);
            await using (raw.ConfigureAwait(false))
            {
                text = await MessageTextExtractor.ExtractAsync(raw, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        return text is not null && needles.All(n => fields.Any(f => text.Contains(f, n)));
    }
}
