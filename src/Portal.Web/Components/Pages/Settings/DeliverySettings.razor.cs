using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Core.Delivery.Rules;
using Portal.Core.Mail;

namespace Portal.Web.Components.Pages.Settings;

/// <summary>The signed-in user's delivery rules: forwarding (copy kept or not), vacation auto-reply with dates, filters.</summary>
public sealed partial class DeliverySettings
{
    private MailboxRules? _rules;
    private IReadOnlyList<string> _folders = [];
    private IReadOnlyList<string>? _problems;
    private bool _saved;

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMailboxRulesStore Rules { get; set; } = default!;

    [Inject]
    private IMessageStore Store { get; set; } = default!;

    private string? VacationFromText
    {
        get => _rules?.VacationFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        set => _rules!.VacationFrom = ParseDay(value);
    }

    private string? VacationUntilText
    {
        get => _rules?.VacationUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        set => _rules!.VacationUntil = ParseDay(value);
    }

    protected override async Task OnInitializedAsync()
    {
        var (id, _, _) = await Account.GetAsync();
        _rules = await Rules.GetAsync(id);
        _folders = (await Store.ListFoldersAsync(id)).Where(f => f.Role != FolderRole.Inbox).Select(f => f.Name).ToList();
    }

    private static Dictionary<string, object> Attr(string testId) => new() { ["data-testid"] = testId };

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string FieldName(FilterField field) => field switch
    {
        FilterField.From => "From",
        FilterField.To => "To or Cc",
        _ => "Subject",
    };

    private static string ActionName(FilterAction action) => action switch
    {
        FilterAction.Move => "Move to folder",
        FilterAction.Flag => "Flag it",
        _ => "Delete (to Trash)",
    };

    private void AddRule()
    {
        _saved = false;
        _rules!.Filters.Add(new FilterRule
        {
            Field = FilterField.Subject,
            Action = FilterAction.Move,
            Folder = _folders.FirstOrDefault(f => f == "Archive") ?? _folders.FirstOrDefault(),
        });
    }

    private void Remove(int index)
    {
        _saved = false;
        _rules!.Filters.RemoveAt(index);
    }

    private void MoveUp(int index)
    {
        _saved = false;
        (_rules!.Filters[index - 1], _rules.Filters[index]) = (_rules.Filters[index], _rules.Filters[index - 1]);
    }

    private async Task SaveAsync()
    {
        _problems = await Rules.SaveAsync(_rules!);
        _saved = _problems.Count == 0;
    }
}
