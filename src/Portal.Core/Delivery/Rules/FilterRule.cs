namespace Portal.Core.Delivery.Rules;

/// <summary>"If &lt;field&gt; contains &lt;text&gt; then &lt;action&gt;": compared without regard to case.</summary>
public sealed class FilterRule
{
    public FilterField Field { get; set; }

    public string Contains { get; set; } = string.Empty;

    public FilterAction Action { get; set; }

    /// <summary>The folder for <see cref="FilterAction.Move"/>.</summary>
    public string? Folder { get; set; }
}

public enum FilterField
{
    From = 0,

    /// <summary>To and Cc.</summary>
    To = 1,

    Subject = 2,
}

public enum FilterAction
{
    Move = 0,
    Flag = 1,

    /// <summary>Filed in Trash (the user can still get it back), not destroyed.</summary>
    Delete = 2,
}
