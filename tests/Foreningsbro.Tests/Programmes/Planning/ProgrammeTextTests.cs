using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Features.Programmes;

namespace Foreningsbro.Tests.Programmes;

public class ProgrammeTextTests
{
    [Fact]
    public void Messages_that_reach_the_localizer_through_a_variable_have_english_translations()
    {
        var translated = Sources.EnglishTranslations();
        string[] keys =
        [
            ProgrammeEditModel.StaleMessage, SessionEditModel.StaleMessage, EnrolmentEditModel.StaleMessage,
            "Forløbets navn", "Type", "Afdeling", "Sted", "Ansvarlig", "Startdato", "Antal uger", "Pladser", "Ugentlige tidspunkter", "Instruktører", "Beskrivelse",
        ];

        keys.Where(k => !translated.Contains(k)).ShouldBeEmpty();
    }
}
