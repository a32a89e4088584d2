using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>A folder placed in the tree: its depth and the last level of its name.</summary>
public sealed record FolderNode(FolderSummary Summary, int Depth, string Label)
{
    /// <summary>
    /// Tree order: special-use folders first (in the order the store lists them), then the rest by name; children
    /// follow their parent. A folder whose parent is missing sits at the top.
    /// </summary>
    public static IReadOnlyList<FolderNode> Arrange(IReadOnlyList<FolderSummary> folders)
    {
        var names = folders.Select(f => f.Folder.Name).ToHashSet(StringComparer.Ordinal);
        var children = folders.ToLookup(f => ParentOf(f.Folder.Name) is { } parent && names.Contains(parent) ? parent : null);
        var result = new List<FolderNode>(folders.Count);
        Add(null, 0);
        return result;

        void Add(string? parent, int depth)
        {
            // The store lists special-use folders first; keep that order and sort the rest by name.
            var level = children[parent].Select((f, i) => (f, i))
                .OrderBy(x => x.f.Folder.Role == FolderRole.None ? int.MaxValue : x.i)
                .ThenBy(x => x.f.Folder.Name, StringComparer.OrdinalIgnoreCase)
                .Select(x => x.f);
            foreach (var summary in level)
            {
                var label = parent is null ? summary.Folder.Name : LeafOf(summary.Folder.Name);
                result.Add(new FolderNode(summary, depth, label));
                Add(summary.Folder.Name, depth + 1);
            }
        }
    }

    public static string? ParentOf(string name)
    {
        var at = name.LastIndexOf(Folder.Delimiter);
        return at > 0 ? name[..at] : null;
    }

    public static string LeafOf(string name) => name[(name.LastIndexOf(Folder.Delimiter) + 1)..];
}
