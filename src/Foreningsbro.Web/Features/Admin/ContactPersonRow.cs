using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>
/// One contact person of a club in a form, as typed: edited by the coordinator with the club
/// (/administration/foreninger/{id}) and by the club's own contact (/min-forening/kontaktpersoner),
/// both shown by _ContactRows.cshtml.
/// </summary>
public sealed class ContactPersonRow
{
    public const int MaxRows = 10;

    [StringLength(Limits.Name, ErrorMessage = "Navnet må højst være {1} tegn.")]
    [PlainText]
    public string? Name { get; set; }

    [StringLength(100, ErrorMessage = "Rollen må højst være {1} tegn.")]
    [PlainText]
    public string? Role { get; set; }

    [StringLength(Limits.Phone, ErrorMessage = "Telefonnummeret må højst være {1} tegn.")]
    [PlainText]
    [PhoneNumber]
    public string? Phone { get; set; }

    [StringLength(Limits.Email, ErrorMessage = "E-mailadressen må højst være {1} tegn.")]
    [PlainText]
    [Email]
    public string? Email { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email);

    public static List<ContactPersonRow> From(IEnumerable<ClubContactPerson> people) =>
        [.. people.OrderBy(p => p.Id).Select(p => new ContactPersonRow { Name = p.Name, Role = p.Role, Phone = p.Phone, Email = p.Email })];

    /// <summary>Two empty rows to fill in: the no-script way to add a contact person.</summary>
    public static void AddBlankRows(List<ContactPersonRow> rows)
    {
        for (var i = 0; i < 2 && rows.Count < MaxRows; i++)
        {
            rows.Add(new ContactPersonRow());
        }
    }

    public static void Validate(List<ContactPersonRow> rows, ModelStateDictionary modelState, string prefix)
    {
        if (rows.Count > MaxRows)
        {
            modelState.AddModelError(prefix, $"Der kan højst være {MaxRows} kontaktpersoner.");
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].Remove && !rows[i].IsBlank && string.IsNullOrWhiteSpace(rows[i].Name))
            {
                modelState.AddErrorOnce($"{prefix}[{i}].{nameof(Name)}", $"Skriv navnet på kontaktperson {i + 1}.");
            }
        }
    }

    /// <summary>Replaces the club's contact persons with the filled-in rows (nothing refers to a contact person row).</summary>
    public static void Apply(Club club, List<ContactPersonRow> rows)
    {
        club.ContactPersons.Clear();
        club.ContactPersons.AddRange(rows.Where(r => !r.Remove && !r.IsBlank).Select(r => new ClubContactPerson
        {
            Name = r.Name!.Trim(),
            Role = Forms.Clean(r.Role),
            Phone = Forms.Clean(r.Phone),
            Email = Forms.Clean(r.Email),
        }));
    }

    public static string Describe(List<ContactPersonRow> rows) =>
        string.Join("; ", rows.Where(r => !r.Remove && !r.IsBlank).Select(r =>
            string.Join(", ", new[] { r.Name, r.Role, r.Phone, r.Email }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()))));
}
