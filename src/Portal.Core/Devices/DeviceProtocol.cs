namespace Portal.Core.Devices;

/// <summary>The protocols a device can sync with, as shown on the Synchronized Devices card.</summary>
public enum DeviceProtocol
{
    Imap = 0,
    Pop3 = 1,
    Smtp = 2,
    CalDav = 3,
    CardDav = 4,
    ActiveSync = 5,
    Ews = 6,
    Mapi = 7,
    Xmpp = 8,
    Webmail = 9,
}
