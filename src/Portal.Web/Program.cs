using Portal.Web.Cli;
using Portal.Web.Hosting;

// One executable: the admin command line, or the server.
if (AdminCommandLine.IsAdminCommand(args))
{
    return await AdminCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var app = PortalHost.Build(args);
await app.InitializePortalAsync();
await app.RunAsync();
return 0;
