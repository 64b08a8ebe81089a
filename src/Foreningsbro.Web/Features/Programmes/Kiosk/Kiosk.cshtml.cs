using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>The kiosk's start screen: the participants' first names, nothing of anyone's answers.</summary>
[Authorize(Policy = Policies.Kiosk)]
public class KioskModel(AppDbContext db, TimeProvider time) : KioskPageModel(db, time)
{
    public List<ParticipantRow> Participants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await FindSessionAsync(ct) is { } session)
        {
            Participants = await AttendanceCommands.ParticipantsAsync(Db, session, ct);
        }
    }
}
