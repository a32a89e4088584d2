using System.Reflection;
using NetArchTest.Rules;

namespace Portal.Web.Tests.Architecture;

/// <summary>The dependency rules of docs/architecture.md: Web -> Protocols -> Core &lt;- Data, and pure parsers.</summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly Core = typeof(Portal.Core.Mail.Message).Assembly;
    private static readonly Assembly Data = typeof(Portal.Data.PortalDbContext).Assembly;
    private static readonly Assembly Protocols = typeof(Portal.Protocols.ProtocolsServiceCollectionExtensions).Assembly;

    [Fact]
    public void Core_uses_no_aspnet_ef_hangfire_or_mudblazor()
    {
        var result = Types.InAssembly(Core).ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire", "MudBlazor", "Portal.Data", "Portal.Protocols", "Portal.Web")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || a.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Protocols_know_core_only()
    {
        var result = Types.InAssembly(Protocols).ShouldNot()
            .HaveDependencyOnAny("Portal.Data", "Portal.Web", "Microsoft.EntityFrameworkCore", "Hangfire", "MudBlazor")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Data_does_not_know_protocols_or_web()
    {
        var result = Types.InAssembly(Data).ShouldNot().HaveDependencyOnAny("Portal.Protocols", "Portal.Web").GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Parsing_namespaces_use_only_system()
    {
        var parsers = Types.InAssembly(Protocols).That().ResideInNamespaceContaining(".Parsing").GetTypes().ToList();
        var offenders = parsers
            .SelectMany(t => Types.InAssembly(Protocols).That().ResideInNamespace(t.Namespace!).And().HaveName(t.Name).Should()
                .OnlyHaveDependenciesOn("System", t.Namespace!, "Portal.Protocols." + t.Namespace!.Split('.')[2] + ".Parsing")
                .GetResult().FailingTypeNames ?? [])
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Protocol_folders_do_not_reference_each_other()
    {
        var protocols = Protocols.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Portal.Protocols.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Where(n => n != "Shared").Distinct().ToList();
        foreach (var protocol in protocols)
        {
            var others = protocols.Where(p => p != protocol).Select(p => $"Portal.Protocols.{p}").ToArray();
            if (others.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Protocols).That().ResideInNamespace($"Portal.Protocols.{protocol}").ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{protocol}: {Failing(result)}");
        }
    }

    [Fact]
    public void Components_use_core_services_not_the_database()
    {
        var result = Types.InAssembly(typeof(Portal.Web.Hosting.PortalHost).Assembly).That().ResideInNamespaceStartingWith("Portal.Web.Components")
            .ShouldNot().HaveDependencyOnAny("Portal.Data", "Microsoft.EntityFrameworkCore")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
