namespace Portal.Core.Mail.Reading;

/// <summary>The orders a message list can be sorted in.</summary>
public enum MessageSort
{
    Date = 0,
    From = 1,
    Subject = 2,
    Size = 3,
}
