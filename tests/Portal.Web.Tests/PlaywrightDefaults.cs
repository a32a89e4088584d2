using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Portal.Web.Tests;

/// <summary>Browser assertions wait up to 20 s: on a busy 2-core machine a circuit's first render can take several.</summary>
internal static class PlaywrightDefaults
{
#pragma warning disable CA2255 // A test assembly's own setting, applied before any test runs; no library consumer exists.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => Assertions.SetDefaultExpectTimeout(20_000);
}
