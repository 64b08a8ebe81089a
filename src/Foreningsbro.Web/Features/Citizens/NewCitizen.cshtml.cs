using System.ComponentModel.DataAnnotations;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

[Authorize(Policy = Policies.WorksWithCitizens)]
public class NewCitizenModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<PossibleDuplicate> Duplicates { get; private set; } = [];

    public List<(int Id, string Name)> Departments { get; private set; } = [];

    public bool ChoosesDepartment => User.IsInRole(Roles.Coordinator);

    public class InputModel
    {
        [Display(Name = "Fornavn")]
        public string? FirstName { get; set; }

        [Display(Name = "Efternavn")]
        public string? LastName { get; set; }

        [Display(Name = "Telefon")]
        public string? Phone { get; set; }

        [Display(Name = "E-mail")]
        public string? Email { get; set; }

        [Display(Name = "Fødselsår")]
        public int? BirthYear { get; set; }

        [Display(Name = "Postnummer")]
        public string? PostalCode { get; set; }

        [Display(Name = "Målgruppe")]
        public CitizenTargetGroup? TargetGroup { get; set; }

        [Display(Name = "Foretrukken kontakt")]
        public ContactChannel? PreferredChannel { get; set; }

        [Display(Name = "Afdeling")]
        public int? DepartmentId { get; set; }

        public List<ConsentPurpose> Consents { get; set; } = [];

        public ConsentMethod ConsentMethod { get; set; } = ConsentMethod.Verbal;

        /// <summary>Made when the form is shown: the same form sent twice makes one citizen (issue 14).</summary>
        public Guid IdempotencyKey { get; set; }

        /// <summary>Ticked after the page pointed out possible duplicates.</summary>
        public bool ConfirmDuplicate { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.IdempotencyKey = Guid.NewGuid();
        await LoadDepartments(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadDepartments(ct);
        var input = new NewCitizen(Input.FirstName, Input.LastName, Input.Phone, Input.Email, Input.BirthYear, Input.PostalCode,
            Input.TargetGroup, Input.PreferredChannel, Input.DepartmentId, Input.Consents, Input.ConsentMethod, Input.IdempotencyKey);
        var now = time.GetUtcNow();
        foreach (var (field, message) in CitizenCommands.Validate(input, now))
        {
            var key = "Input." + char.ToUpperInvariant(field[0]) + field[1..];
            if (ModelState[key]?.Errors.Count is null or 0)
            {
                ModelState.AddModelError(key, message);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same form sent again (a double click, a reload of the post): the citizen it already made.
        if (await CitizenCommands.ExistingAsync(db, User, Input.IdempotencyKey, ct) is { Kind: OutcomeKind.Ok } made)
        {
            return Redirect($"/borgere/{made.Id}");
        }

        if (!Input.ConfirmDuplicate)
        {
            Duplicates = await CitizenCommands.PossibleDuplicatesAsync(db, User, input, ct);
            if (Duplicates.Count > 0)
            {
                // The other click of a double click may have made the citizen found here meanwhile.
                if (await CitizenCommands.ExistingAsync(db, User, Input.IdempotencyKey, ct) is { Kind: OutcomeKind.Ok } madeMeanwhile)
                {
                    return Redirect($"/borgere/{madeMeanwhile.Id}");
                }

                return Page();
            }
        }

        var outcome = await CitizenCommands.CreateAsync(db, User, input, now, ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return outcome.ToPageResult(this) ?? Page();
        }

        TempData["Message"] = "Borgeren er oprettet.";
        return Redirect($"/borgere/{outcome.Id}");
    }

    private async Task LoadDepartments(CancellationToken ct)
    {
        if (ChoosesDepartment)
        {
            Departments = [.. (await db.Departments.AsNoTracking().VisibleTo(User).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name))];
        }
    }
}
