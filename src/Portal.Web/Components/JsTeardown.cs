using Microsoft.JSInterop;

namespace Portal.Web.Components;

/// <summary>
/// What a JS call made while a component is leaving may throw because the page or circuit went first: the circuit is
/// disconnected, the call was cancelled with it, or the object reference is already disposed. Anything else is a
/// real error and is left to propagate (and be logged).
/// </summary>
internal static class JsTeardown
{
    public static bool IsGone(Exception exception) =>
        exception is JSDisconnectedException or TaskCanceledException or ObjectDisposedException;
}
