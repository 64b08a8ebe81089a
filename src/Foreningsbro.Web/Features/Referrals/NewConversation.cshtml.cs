using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>The short structured conversation: checkboxes and radios, under two minutes, then a free note.</summary>
[Authorize(Policy = Policies.WorksWithCitizens)]
public class NewConversationModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CitizenName { get; private set; } = "";

    public List<(int Id, string Name)> Activities { get; private set; } = [];

    public static readonly DayOfWeek[] Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public class InputModel
    {
        /// <summary>No default here: a form posted without it is refused, not recorded as a clarifying conversation (the page fills it in).</summary>
        public ConversationKind? Kind { get; set; }
        public List<int> LikedActivityIds { get; set; } = [];
        public List<DayOfWeek> PreferredDays { get; set; } = [];
        public List<TimeOfDay> PreferredTimes { get; set; } = [];
        public Company Company { get; set; } = Company.NoPreference;
        public Intensity? Intensity { get; set; }
        public List<Barriers> Barriers { get; set; } = [];
        public int? Motivation { get; set; }
        public string? ImaginedClub { get; set; }
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, ConversationKind? kind, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        Input.Kind = kind ?? ConversationKind.Clarifying;
        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), id, "Samtaleskema", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        if (Input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            ModelState.AddErrorOnce("Input.Kind", "Vælg samtalens art: afklarende eller opfølgende.");
        }

        if (Input.Motivation is not (>= 1 and <= 5))
        {
            ModelState.AddModelError("Input.Motivation", "Vælg borgerens motivation fra 1 til 5.");
        }

        if (TextInput.Problem(Input.ImaginedClub) is { } clubProblem)
        {
            ModelState.AddModelError("Input.ImaginedClub", clubProblem);
        }
        else if (Input.ImaginedClub?.Trim() is { Length: > Limits.Name })
        {
            ModelState.AddModelError("Input.ImaginedClub", "Svaret må højst være 200 tegn.");
        }

        if (TextInput.Problem(Input.Note, multiLine: true) is { } noteProblem)
        {
            ModelState.AddModelError("Input.Note", noteProblem);
        }
        else if (Input.Note?.Trim() is { Length: > Limits.Text })
        {
            ModelState.AddModelError("Input.Note", "Noten må højst være 4000 tegn.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var known = Activities.Select(a => a.Id).ToHashSet();
        db.Conversations.Add(new Conversation
        {
            CitizenId = id,
            Kind = Input.Kind!.Value,
            HeldAtUtc = time.GetUtcNow().UtcDateTime,
            HeldBy = User.DisplayName(),
            LikedActivityIds = [.. Input.LikedActivityIds.Where(known.Contains).Distinct()],
            PreferredDays = [.. Input.PreferredDays.Where(Enum.IsDefined).Distinct()],
            PreferredTimes = [.. Input.PreferredTimes.Where(Enum.IsDefined).Distinct()],
            Company = Enum.IsDefined(Input.Company) ? Input.Company : Company.NoPreference,
            Intensity = Input.Intensity is { } i && Enum.IsDefined(i) ? i : null,
            Barriers = Input.Barriers.Where(Labels.AllBarriers.Contains).Aggregate(Barriers.None, (a, b) => a | b),
            Motivation = Input.Motivation!.Value,
            ImaginedClub = string.IsNullOrWhiteSpace(Input.ImaginedClub) ? null : Input.ImaginedClub.Trim(),
            Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim(),
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Samtalen er gemt. Her er holdene, der passer bedst.";
        return Redirect($"/borgere/{id}/forslag");
    }

    private async Task<bool> Load(int id, CancellationToken ct)
    {
        var name = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }

        CitizenName = name;
        Activities = [.. (await db.Activities.AsNoTracking().Where(a => !a.Archived).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name))];
        return true;
    }
}
