using System.Xml.Linq;
using Foreningsbro.Web.Features.Programmes;

namespace Foreningsbro.Tests.Programmes;

public class ProgrammeTextTests
{
    [Fact]
    public void Messages_that_reach_the_localizer_through_a_variable_have_english_translations()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Foreningsbro.slnx")))
        {
            dir = dir.Parent;
        }

        var resx = XDocument.Load(Path.Combine(dir!.FullName, "src", "Foreningsbro.Web", "Resources", "SharedResource.en.resx"));
        var translated = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        string[] keys =
        [
            ProgrammeEditModel.StaleMessage, SessionEditModel.StaleMessage, EnrolmentEditModel.StaleMessage,
            "Forløbets navn", "Type", "Afdeling", "Sted", "Ansvarlig", "Startdato", "Antal uger", "Pladser", "Ugentlige tidspunkter", "Instruktører", "Beskrivelse",
        ];

        keys.Where(k => !translated.Contains(k)).ShouldBeEmpty();
    }
}
