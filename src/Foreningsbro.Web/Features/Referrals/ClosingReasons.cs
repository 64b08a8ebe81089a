using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

public static class ClosingReasons
{
    public const string Other = "Andet";

    private static readonly string[] Defaults = ["Passede ikke", "Helbred", "Praktiske grunde", "Fik job eller uddannelse", "Flyttet", "Ukendt", Other];

    /// <summary>The managed list starts with the reasons the projects use; it exists in every database.</summary>
    public static async Task EnsureAsync(AppDbContext db)
    {
        if (await db.ClosingReasons.AnyAsync())
        {
            return;
        }

        db.ClosingReasons.AddRange(Defaults.Select((name, i) => new ClosingReason { Name = name, SortOrder = i, RequiresText = name == Other }));
        await db.SaveChangesAsync();
    }
}
