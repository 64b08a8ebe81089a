using System.Globalization;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// The first run of a production installation, from the command line: <c>admin create</c> migrates the
/// database and creates the first national administrator or the first coordinator of a municipality
/// (creating the municipality from its code and name if it is new), with no password, and prints a
/// one-time link to choose one. Nothing else creates an account outside the demo data.
/// </summary>
public static class AdminCommand
{
    public const int Ok = 0;
    public const int BadArguments = 2;
    public const int EmailInUse = 3;
    public const int UnknownMunicipality = 4;

    public const string Usage = """
        Brug:
          admin create --email E-MAIL --name "NAVN" --national
              opretter en national administrator (administrerer kommunerne)
          admin create --email E-MAIL --name "NAVN" --municipality KODE [--municipality-name "NAVN"]
              opretter kommunens første koordinator; kommunen oprettes, hvis koden er ny og navnet er givet
        Kommandoen migrerer databasen og skriver et engangslink til at vælge adgangskode (PublicBaseUrl).
        Afslutningskoder: 0 oprettet, 2 forkerte argumenter, 3 e-mailen er i brug, 4 ukendt kommune.
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["admin", "create", .. var rest] || Parse(rest) is not { } options)
        {
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }

        options.TryGetValue("email", out var email);
        options.TryGetValue("name", out var name);
        var national = options.ContainsKey("national");
        options.TryGetValue("municipality", out var code);
        options.TryGetValue("municipality-name", out var municipalityName);
        var problem =
            string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > Limits.Email
                ? "--email skal være en gyldig e-mail."
            : string.IsNullOrWhiteSpace(name) || name.Length > Limits.PersonName ? $"--name skal være et navn på højst {Limits.PersonName} tegn."
            : national == (code is not null) ? "Angiv enten --national eller --municipality KODE."
            : national && municipalityName is not null ? "--municipality-name hører sammen med --municipality."
            : code is not null && (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c is < 100 or > 999) ? "--municipality skal være en kommunekode med 3 cifre, fx 169."
            : municipalityName is not null && (municipalityName.Trim().Length == 0 || municipalityName.Length > 100) ? "--municipality-name skal være et navn på højst 100 tegn."
            : null;
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var config = sp.GetRequiredService<IConfiguration>();
        if (config.GetValue("Database:Migrate", true))
        {
            await db.Database.MigrateAsync();
        }

        await DemoData.EnsureRolesAsync(sp);
        var admin = sp.GetRequiredService<UserAdministration>();
        int? municipalityId = null;
        if (code is not null)
        {
            var number = int.Parse(code, CultureInfo.InvariantCulture);
            var municipality = await db.Municipalities.SingleOrDefaultAsync(m => m.Code == number);
            if (municipality is null)
            {
                if (municipalityName is null)
                {
                    await error.WriteLineAsync($"Kommunekode {number} findes ikke. Tilføj --municipality-name \"NAVN\" for at oprette kommunen.");
                    return UnknownMunicipality;
                }

                municipality = new Municipality { Code = number, Name = municipalityName.Trim() };
                db.Municipalities.Add(municipality);
                admin.AuditOther(Actor.Command, null, "MunicipalityCreated", $"Kommune oprettet: {municipality.Name} ({number})");
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"Kommunen {municipality.Name} ({number}) er oprettet.");
            }

            municipalityId = municipality.Id;
        }

        var baseUrl = UserAdministration.BaseUrl(config, null);
        if (string.IsNullOrWhiteSpace(config["PublicBaseUrl"]))
        {
            await error.WriteLineAsync($"PublicBaseUrl er ikke sat; linket bruger {baseUrl}.");
        }

        var role = national ? Roles.NationalAdmin : Roles.Coordinator;
        var result = await admin.InviteAsync(email!, name!, municipalityId, new UserAccess([role], null, null, []), Actor.Command, baseUrl, sendEmail: false, default);
        if (!result.Ok)
        {
            await error.WriteLineAsync(result.Field == "Email" ? $"E-mailen {email} bruges allerede af en anden konto." : result.Error);
            return result.Field == "Email" ? EmailInUse : BadArguments;
        }

        await output.WriteLineAsync($"{UserAdministration.RoleName(role)} {name} <{email}> er oprettet uden adgangskode.");
        await output.WriteLineAsync($"Engangslink til at vælge adgangskode (udløber om {admin.InvitationLifetime.TotalDays.ToString(CultureInfo.InvariantCulture)} dage):");
        await output.WriteLineAsync(result.Link);
        return Ok;
    }

    /// <summary>--key value pairs and --flag switches; null for anything else (a stray word, a repeated key).</summary>
    private static Dictionary<string, string>? Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] flags = ["national"];
        string[] keys = ["email", "name", "municipality", "municipality-name"];
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var key = args[i][2..];
            if (options.ContainsKey(key))
            {
                return null;
            }

            if (flags.Contains(key))
            {
                options[key] = "";
            }
            else if (keys.Contains(key) && i + 1 < args.Length)
            {
                options[key] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }
}
