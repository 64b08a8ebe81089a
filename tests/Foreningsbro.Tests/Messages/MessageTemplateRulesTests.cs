using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Messages;

namespace Foreningsbro.Tests.Messages;

/// <summary>
/// Every message template against issue 15's two rules: an SMS to a citizen fits in two segments (with a long
/// name, a long municipality and a real link), and no message names a diagnosis or a health condition: the team's
/// title ("… for parkinsonramte"), the professional's free text for the club and the department ("Sundhedscenter")
/// never reach a message. A new MessageKind without a case here fails the test.
/// </summary>
public class MessageTemplateRulesTests
{
    private const string Title = "Bordtennis for parkinsonramte";
    private const string Needs = "Har sklerose og angst, skal kunne sidde ned";
    private const string Department = "Sundhedscenter Høje-Taastrup";
    private const string Link = "https://foreningsbro.hoeje-taastrup.dk/mig/AbCdEfGhIjKlMnOpQrStUv";

    private static Outbox.VisitFacts Facts(ContactChannel channel, bool shares, string? link, string? cantCome) => new(
        "Marie-Louise", "61234567", "ml@example.dk", channel, Department, "Høje-Taastrup",
        7, Title, "Høje-Taastrup Bordtennisklub af 1946", "Taastrup Idrætscenter, hal 2", "Parkvej 104", "2630", "Taastrup",
        "Bent Bordtennis", "bent@example.dk", "Kom 10 minutter før, og tag indendørssko med", "https://video.example/x",
        VisitMode.WithProfessional, new DateTime(2026, 12, 17, 16, 30, 0, DateTimeKind.Utc), Needs, shares, true,
        "https://foreningsbro.hoeje-taastrup.dk", cantCome, link);

    /// <summary>Every message a kind can produce, with the channel it goes by and whether it goes to the citizen.</summary>
    private static IEnumerable<(MessageChannel Channel, bool ToCitizen, string Subject, string Body)> Produced(MessageKind kind)
    {
        var cantCome = Outbox.CantComeContact("Bent Bordtennis", "22 22 33 44", "bent@example.dk");
        switch (kind)
        {
            case MessageKind.VisitConfirmation or MessageKind.VisitReminder:
                var reminder = kind == MessageKind.VisitReminder;
                foreach (var channel in new[] { MessageChannel.Sms, MessageChannel.Email })
                {
                    foreach (var (link, contact) in new[] { (Link, (string?)null), (Link, cantCome), ((string?)null, cantCome) })
                    {
                        var (s, b) = Outbox.VisitToCitizen(Facts(channel == MessageChannel.Sms ? ContactChannel.Sms : ContactChannel.Email, true, link, contact), channel, reminder);
                        yield return (channel, true, s, b);
                    }
                }

                break;
            case MessageKind.ClubNotice:
                foreach (var shares in new[] { true, false })
                {
                    var (s, b) = Outbox.VisitToClub(Facts(ContactChannel.Sms, shares, Link, cantCome));
                    yield return (MessageChannel.Email, false, s, b);
                }

                break;
            case MessageKind.CitizenLink:
                foreach (var channel in new[] { MessageChannel.Sms, MessageChannel.Email })
                {
                    var (s, b) = Outbox.LinkOnly("Marie-Louise", "Høje-Taastrup", Link);
                    yield return (channel, true, s, b);
                }

                break;
            case MessageKind.QuestionnaireInvitation or MessageKind.QuestionnaireReminder:
                foreach (var channel in new[] { MessageChannel.Sms, MessageChannel.Email })
                {
                    var (s, b) = Outbox.Questionnaire("Marie-Louise", "Høje-Taastrup", Link, kind == MessageKind.QuestionnaireReminder);
                    yield return (channel, true, s, b);
                }

                break;
            case MessageKind.CantComeNotice:
                foreach (var (first, training) in new[] { ("Marie-Louise", true), ((string?)null, false) })
                {
                    var (s, b) = Outbox.CantCome("Bent Bordtennis", first, "torsdag 17. december kl. 17.30", training, "https://foreningsbro.hoeje-taastrup.dk/min-forening/besoeg", "Høje-Taastrup");
                    yield return (MessageChannel.Email, false, s, b);
                }

                break;
            case MessageKind.StaffInvitation or MessageKind.PasswordReset:
                // To a staff member about their own account: no citizen in them (UserAdministration; tested in Account).
                break;
            default:
                throw new InvalidOperationException($"MessageKind.{kind} has no case in this test: add what it sends, and check it against the rules.");
        }
    }

    [Fact]
    public void No_template_names_the_team_the_free_text_for_the_club_or_the_department()
    {
        var checkedMessages = 0;
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            foreach (var (channel, toCitizen, subject, body) in Produced(kind))
            {
                var text = subject + "\n" + body;
                foreach (var forbidden in new[] { Title, "parkinson", Needs, "sklerose", "angst", Department, "Sundhedscenter", "Jobcenter", "diagnose" })
                {
                    text.ShouldNotContain(forbidden, Case.Insensitive, $"{kind} by {channel} ({(toCitizen ? "to the citizen" : "to the club")}):\n{text}");
                }

                checkedMessages++;
            }
        }

        checkedMessages.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void Every_sms_to_a_citizen_fits_in_two_segments_and_in_gsm_7()
    {
        var sms = Enum.GetValues<MessageKind>().SelectMany(Produced).Where(m => m.Channel == MessageChannel.Sms && m.ToCitizen).ToList();
        sms.Count.ShouldBe(9); // confirmation and reminder 3 ways each, the link, the questionnaire and its reminder
        foreach (var (_, _, _, body) in sms)
        {
            Sms.IsGsm7(body).ShouldBeTrue($"not GSM-7 (one character outside it makes the whole SMS UCS-2): {body}");
            Sms.Segments(body).ShouldBeLessThanOrEqualTo(2, body);
        }
    }

    [Fact]
    public void The_club_learns_the_first_name_only_with_the_consent_to_share_it()
    {
        var (_, shared) = Outbox.VisitToClub(Facts(ContactChannel.Sms, true, Link, null));
        var (_, notShared) = Outbox.VisitToClub(Facts(ContactChannel.Sms, false, Link, null));
        shared.ShouldContain("Marie-Louise");
        notShared.ShouldNotContain("Marie-Louise");
        notShared.ShouldContain("En ny deltager");
        var (_, anonymous) = Outbox.CantCome("Bent", null, "i morgen", true, "https://x/min-forening/besoeg", "Furesø");
        anonymous.ShouldStartWith("Hej Bent");
        anonymous.ShouldContain("En deltager kan ikke komme");
    }
}
