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

        var texts = Matching(db, [field], [needle]);
        var found = (await (from m in inFolder join t in texts on m.BlobId equals t.BlobId select m.Uid)
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

        var texts = Matching(db, BoxFields, words);
        var matched = from m in scope join t in texts on m.BlobId equals t.BlobId select m;

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

    /// <summary>Text rows where every needle occurs in at least one of the fields.</summary>
    private IQueryable<MessageTextRow> Matching(PortalDbContext db, IReadOnlyList<SearchField> fields, IReadOnlyList<string> needles)
    {
        var texts = db.MessageTexts.AsNoTracking();
        var indexed = _fts ? needles.Where(n => n.EnumerateRunes().Count() >= 3).ToList() : [];
        if (indexed.Count > 0)
        {
            // FTS5 trigram: a quoted phrase matches exactly the rows that contain it as a substring.
            var columns = "{" + string.Join(' ', fields.SelectMany(Columns)) + "}";
            var match = string.Join(" AND ", indexed.Select(n => $"{columns} : \"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
            texts = db.MessageTexts.FromSql($"SELECT * FROM \"MessageTexts\" WHERE \"Id\" IN (SELECT rowid FROM \"MessageTextIndex\" WHERE \"MessageTextIndex\" MATCH {match})").AsNoTracking();
        }

        foreach (var needle in needles.Except(indexed))
        {
            texts = texts.Where(Like(fields, "%" + Escape(needle) + "%"));
        }

        return texts;
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
