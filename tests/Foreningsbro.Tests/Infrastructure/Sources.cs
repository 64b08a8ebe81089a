using System.Xml.Linq;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>The web project's source files, for tests that read them (translations, localizer keys).</summary>
public static class Sources
{
    /// <summary>src/Foreningsbro.Web, found from the test assembly upwards.</summary>
    public static string WebProject { get; } = Path.Combine(RepositoryRoot(), "src", "Foreningsbro.Web");

    /// <summary>The Danish texts Resources/SharedResource.en.resx translates (its keys).</summary>
    public static HashSet<string> EnglishTranslations() =>
        XDocument.Load(Path.Combine(WebProject, "Resources", "SharedResource.en.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Foreningsbro.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Foreningsbro.slnx not found above " + AppContext.BaseDirectory);
    }
}
