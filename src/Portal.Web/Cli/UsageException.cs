namespace Portal.Web.Cli;

/// <summary>The command line's words do not make a command.</summary>
internal sealed class UsageException(string message) : Exception(message);
