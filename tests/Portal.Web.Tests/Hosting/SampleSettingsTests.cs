using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>appsettings.sample.json lists every option of every options class, and the host accepts it as it is.</summary>
public sealed class SampleSettingsTests
{
    private static readonly string SamplePath = Path.Combine(RepositoryRoot.Path, "appsettings.sample.json");

    private static readonly Type[] AllOptionsTypes = new[] { typeof(Portal.Core.Hosting.PortalOptions), typeof(Portal.Web.Hosting.PortalHost), typeof(Portal.Data.PortalDbContext), typeof(Portal.Protocols.ProtocolsServiceCollectionExtensions) }
                     .Select(t => t.Assembly).Distinct().SelectMany(a => a.GetTypes())
                     .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null).ToArray();

    public static TheoryData<Type> OptionsTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in AllOptionsTypes)
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Every_option_is_in_the_sample(Type optionsType)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(SamplePath));
        var section = (string)optionsType.GetField("SectionName")!.GetValue(null)!;
        var element = section.Split(':').Aggregate(sample.RootElement, (e, name) => e.GetProperty(name));
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            Assert.True(element.TryGetProperty(property.Name, out _), $"appsettings.sample.json lacks {section}:{property.Name}");
        }
    }

    [Fact]
    public async Task The_sample_passes_validation()
    {
        using var directory = new TempDirectory();
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        var app = Portal.Web.Hosting.PortalHost.Build([.. args], builder =>
        {
            builder.Configuration.AddJsonFile(SamplePath);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:DataDirectory"] = directory.Path });
        });
        await using (app)
        {
            // Resolving runs the data-annotation and IValidatableObject validators of each section.
            foreach (var type in AllOptionsTypes)
            {
                var monitor = app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                Assert.NotNull(monitor.GetType().GetProperty("Value")!.GetValue(monitor));
            }
        }
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        using var directory = new TempDirectory();
        var ex = Assert.Throws<OptionsValidationException>(() =>
        {
            // Once a protocol listens, Kestrel reads the listener settings while the host is built, so the refusal
            // may come from Build itself rather than from the first use of the options.
            using var app = Portal.Web.Hosting.PortalHost.Build(["--urls", "http://127.0.0.1:0", $"--Portal:DataDirectory={directory.Path}", "--Portal:Protocols:Imap:Port=2525"]);
            _ = app.Services.GetRequiredService<IOptions<Portal.Protocols.Shared.ProtocolListenersOptions>>().Value;
        });
        Assert.Contains("Smtp and Imap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_files_are_read_once_and_not_watched()
    {
        // The content root holds the data directory by default: a reloading settings file meant a recursive file
        // watcher over every blob written.
        using var directory = new TempDirectory();
        var app = Portal.Web.Hosting.PortalHost.Build(["--urls", "http://127.0.0.1:0", $"--Portal:DataDirectory={directory.Path}"]);
        await using (app)
        {
            var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().ToList();
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.False(f.ReloadOnChange, f.Path));
        }
    }
}
