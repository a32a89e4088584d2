namespace Portal.Core.Delivery;

/// <summary>A mailbox that receives a message, with its quota (0 = unlimited) and what it holds now.</summary>
public sealed record LocalRecipient(Guid MailboxId, string Address, long QuotaBytes, long UsedBytes)
{
    public bool IsFull => QuotaBytes > 0 && UsedBytes >= QuotaBytes;

    public bool Fits(long size) => QuotaBytes <= 0 || UsedBytes + size <= QuotaBytes;
}
