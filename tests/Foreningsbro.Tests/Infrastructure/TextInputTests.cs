using System.ComponentModel.DataAnnotations;
using System.Reflection;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Account;
using Foreningsbro.Web.Features.Admin;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Programmes;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>The rule for typed text, and that no form lets through more than its column holds.</summary>
public class TextInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Anna", false)]
    [InlineData("Åse Ørsted-Læsø", false)]
    [InlineData("Zoë 🙂", false)]
    [InlineData("مريم", false)]
    [InlineData("  ", false)]
    [InlineData("", false)]
    [InlineData("to\nlinjer", true)]
    [InlineData("tab\tfelt", true)]
    public void Ordinary_text_passes(string text, bool multiLine) => TextInput.Problem(text, multiLine).ShouldBeNull();

    [Theory]
    [InlineData("An\0na", TextInput.ControlMessage)]
    [InlineData("An\u0007na", TextInput.ControlMessage)]
    [InlineData("An\u007Fna", TextInput.ControlMessage)]
    [InlineData("to\nlinjer", TextInput.LineBreakMessage)]
    [InlineData("tab\tfelt", TextInput.LineBreakMessage)]
    [InlineData("\u200B\u200B", TextInput.InvisibleMessage)]
    [InlineData(" \u200B \uFEFF \u2060 ", TextInput.InvisibleMessage)]
    [InlineData("\u3164", TextInput.InvisibleMessage)]
    [InlineData("\u202EanirehtaK", TextInput.BidiMessage)]
    [InlineData("Anna\u202A", TextInput.BidiMessage)]
    [InlineData("Anna\u2066x\u2069", TextInput.BidiMessage)]
    public void Text_the_database_cannot_store_or_a_reader_cannot_see_is_refused_in_danish(string text, string message) =>
        TextInput.Problem(text).ShouldBe(message);

    [Fact]
    public void A_lone_surrogate_is_refused() => TextInput.Problem("An\ud800na").ShouldBe(TextInput.ControlMessage);

    [Fact]
    public void Nul_is_refused_in_a_multi_line_field_too() => TextInput.Problem("linje\n\0", multiLine: true).ShouldBe(TextInput.ControlMessage);

    [Fact]
    public void The_length_is_that_of_the_trimmed_text() =>
        (TextInput.Problem("  abc  ", maxLength: 3), TextInput.Problem("abcd", maxLength: 3)).ShouldBe((null, TextInput.TooLong(3)));

    [Fact]
    public void The_attribute_gives_the_rule_s_message_on_the_field()
    {
        var results = new List<ValidationResult>();
        var input = new ProgressionModel.InputModel { Text = "a\0b" };
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true).ShouldBeFalse();
        results.ShouldHaveSingleItem().ErrorMessage.ShouldBe(TextInput.ControlMessage);
        results[0].MemberNames.ShouldBe(["Text"]);
    }

    // Every typed text field of a form, and the column it is stored in. A field marked [PlainText] with a
    // [StringLength] must be listed here, so a new field cannot skip the check below.
    private static readonly Dictionary<(Type Input, string Field), (Type Entity, string Column)> StoredIn = new()
    {
        [(typeof(EditVenueModel.InputModel), "Name")] = (typeof(Venue), "Name"),
        [(typeof(EditVenueModel.InputModel), "Address")] = (typeof(Venue), "Address"),
        [(typeof(EditVenueModel.InputModel), "Town")] = (typeof(Venue), "Town"),
        [(typeof(EditVenueModel.InputModel), "AccessibilityNotes")] = (typeof(Venue), "AccessibilityNotes"),
        [(typeof(EditClubModel.InputModel), "Name")] = (typeof(Club), "Name"),
        [(typeof(EditClubModel.InputModel), "Address")] = (typeof(Club), "Address"),
        [(typeof(EditClubModel.InputModel), "Town")] = (typeof(Club), "Town"),
        [(typeof(EditClubModel.InputModel), "Website")] = (typeof(Club), "Website"),
        [(typeof(ContactPersonRow), "Name")] = (typeof(ClubContactPerson), "Name"),
        [(typeof(ContactPersonRow), "Role")] = (typeof(ClubContactPerson), "Role"),
        [(typeof(ContactPersonRow), "Phone")] = (typeof(ClubContactPerson), "Phone"),
        [(typeof(ContactPersonRow), "Email")] = (typeof(ClubContactPerson), "Email"),
        [(typeof(EditTeamModel.InputModel), "Title")] = (typeof(Team), "Title"),
        [(typeof(EditTeamModel.InputModel), "Description")] = (typeof(Team), "Description"),
        [(typeof(EditTeamModel.InputModel), "FirstTime")] = (typeof(Team), "FirstTime"),
        [(typeof(EditTeamModel.InputModel), "TypicalParticipants")] = (typeof(Team), "TypicalParticipants"),
        [(typeof(EditTeamModel.InputModel), "ContactName")] = (typeof(Team), "ContactName"),
        [(typeof(EditTeamModel.InputModel), "ContactPhone")] = (typeof(Team), "ContactPhone"),
        [(typeof(EditTeamModel.InputModel), "ContactEmail")] = (typeof(Team), "ContactEmail"),
        [(typeof(EditTeamModel.InputModel), "VideoUrl")] = (typeof(Team), "VideoUrl"),
        [(typeof(EditTeamModel.InputModel), "PhotoUrl")] = (typeof(Team), "PhotoUrl"),
        [(typeof(EditTeamModel.InputModel), "PhotoAlt")] = (typeof(Team), "PhotoAlt"),
        [(typeof(EditTeamModel.BreakRow), "Name")] = (typeof(TeamBreak), "Name"),
        [(typeof(EnrolmentEditModel.EndInput), "Note")] = (typeof(Enrolment), "EndNote"),
        [(typeof(SessionTimeInput), "Topic")] = (typeof(ProgrammeSession), "Topic"),
        [(typeof(ProgrammeEditModel.InputModel), "Name")] = (typeof(Programme), "Name"),
        [(typeof(ProgrammeEditModel.InputModel), "Description")] = (typeof(Programme), "Description"),
        [(typeof(SessionEditModel.InputModel), "TopicNote")] = (typeof(ProgrammeSession), "TopicNote"),
        [(typeof(SessionEditModel.CancelInput), "Reason")] = (typeof(ProgrammeSession), "CancelReason"),
        [(typeof(ProgressionModel.InputModel), "Text")] = (typeof(ProgressNote), "Text"),
        [(typeof(LoginModel.InputModel), "Email")] = (typeof(AppUser), "Email"),
        [(typeof(ForgotPasswordModel.InputModel), "Email")] = (typeof(AppUser), "Email"),
        [(typeof(InviteUserModel.InputModel), "Name")] = (typeof(AppUser), "DisplayName"),
        [(typeof(InviteUserModel.InputModel), "Email")] = (typeof(AppUser), "Email"),
        [(typeof(EditMunicipalityModel.InviteInput), "Name")] = (typeof(AppUser), "DisplayName"),
        [(typeof(EditMunicipalityModel.InviteInput), "Email")] = (typeof(AppUser), "Email"),
        [(typeof(MunicipalityInput), "Name")] = (typeof(Municipality), "Name"),
    };

    private static IEnumerable<(Type Input, PropertyInfo Field)> PlainTextFields() =>
        from t in typeof(TextInput).Assembly.GetTypes()
        from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        where p.GetCustomAttribute<PlainTextAttribute>() is not null
        select (t, p);

    [Fact]
    public void Every_plain_text_field_with_a_length_names_the_column_it_is_stored_in() =>
        PlainTextFields().Where(f => f.Field.GetCustomAttribute<StringLengthAttribute>() is not null)
            .Select(f => (f.Input, f.Field.Name)).ShouldBe(StoredIn.Keys, ignoreOrder: true);

    [Fact]
    public async Task No_form_lets_through_more_than_its_column_holds()
    {
        var model = await app.WithDb(db => Task.FromResult(db.Model));
        var problems = new List<string>();
        foreach (var ((input, field), (entity, column)) in StoredIn)
        {
            var max = input.GetProperty(field)!.GetCustomAttribute<StringLengthAttribute>()!.MaximumLength;
            var stored = model.FindEntityType(entity)?.FindProperty(column)?.GetMaxLength();
            if (stored is null || max > stored)
            {
                problems.Add($"{input.Name}.{field}: the form allows {max}, {entity.Name}.{column} holds {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no limit"}");
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_named_limit_is_the_length_of_a_column()
    {
        var model = await app.WithDb(db => Task.FromResult(db.Model));
        var columns = model.GetEntityTypes().SelectMany(e => e.GetProperties()).Select(p => p.GetMaxLength()).OfType<int>().ToHashSet();
        var limits = typeof(Limits).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (f.Name, Value: (int)f.GetRawConstantValue()!)).ToList();
        limits.Where(l => l.Name != nameof(Limits.Query) && !columns.Contains(l.Value)).ShouldBeEmpty("a limit that no column has");
    }

    [Fact]
    public async Task The_citizen_columns_are_the_ones_the_citizen_validation_checks()
    {
        var citizen = await app.WithDb(db => Task.FromResult(db.Model.FindEntityType(typeof(Citizen))!));
        (citizen.FindProperty("FirstName")!.GetMaxLength(), citizen.FindProperty("LastName")!.GetMaxLength(), citizen.FindProperty("NameKey")!.GetMaxLength(), citizen.FindProperty("Phone")!.GetMaxLength())
            .ShouldBe((Limits.PersonName, Limits.PersonName, Limits.Name, Limits.Phone));
        var referral = await app.WithDb(db => Task.FromResult(db.Model.FindEntityType(typeof(Referral))!));
        referral.FindProperty("NeedsForClub")!.GetMaxLength().ShouldBe(Limits.NeedsForClub);
        var change = await app.WithDb(db => Task.FromResult(db.Model.FindEntityType(typeof(ReferralStatusChange))!));
        change.FindProperty("Reason")!.GetMaxLength().ShouldBe(Limits.Reason);
    }
}
