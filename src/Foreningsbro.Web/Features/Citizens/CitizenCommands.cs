using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

public sealed record NewCitizen(
    string? FirstName, string? LastName, string? Phone, string? Email, int? BirthYear, string? PostalCode,
    CitizenTargetGroup? TargetGroup, ContactChannel? PreferredChannel, int? DepartmentId,
    IReadOnlyCollection<ConsentPurpose> Consents, ConsentMethod ConsentMethod, Guid IdempotencyKey = default);

public sealed record PossibleDuplicate(int Id, string Name, int BirthYear, string Why);

/// <summary>Creating citizens (with the consents they give at once): shared by the pages and the API.</summary>
public static class CitizenCommands
{
    /// <summary>Every problem with the input, field by field (API names), in Danish.</summary>
    public static List<(string Field, string Message)> Validate(NewCitizen c, DateTimeOffset now)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(c.FirstName))
        {
            errors.Add(("firstName", "Skriv borgerens fornavn."));
        }
        else if (TextInput.Problem(c.FirstName) is { } problem)
        {
            errors.Add(("firstName", problem));
        }
        else if (c.FirstName.Trim().Length > Limits.PersonName)
        {
            errors.Add(("firstName", "Fornavnet må højst være 100 tegn."));
        }

        if (string.IsNullOrWhiteSpace(c.LastName))
        {
            errors.Add(("lastName", "Skriv borgerens efternavn."));
        }
        else if (TextInput.Problem(c.LastName) is { } problem)
        {
            errors.Add(("lastName", problem));
        }
        else if (c.LastName.Trim().Length > Limits.PersonName)
        {
            errors.Add(("lastName", "Efternavnet må højst være 100 tegn."));
        }
        else if (errors.Count == 0 && NameKey(c.FirstName!.Trim(), c.LastName.Trim()).Length > Limits.Name)
        {
            // The search key (first and last name, æ written ae) has its own column: two long names overran it.
            errors.Add(("lastName", "Fornavn og efternavn er tilsammen for lange. Forkort et af dem."));
        }

        if (TextInput.Problem(c.Phone) is { } phoneProblem)
        {
            errors.Add(("phone", phoneProblem));
        }
        else if (!string.IsNullOrWhiteSpace(c.Phone) && NormalizePhone(c.Phone) is null)
        {
            errors.Add(("phone", "Telefonnummeret er ikke gyldigt. Skriv 8 cifre, evt. med +45 foran."));
        }
        else if (c.Phone?.Trim().Length > Limits.Phone)
        {
            // The number is stored as typed; separators counted too.
            errors.Add(("phone", "Telefonnummeret må højst fylde 30 tegn med mellemrum og bindestreger."));
        }

        if (TextInput.Problem(c.Email) is { } emailProblem)
        {
            errors.Add(("email", emailProblem));
        }
        else if (!string.IsNullOrWhiteSpace(c.Email) && !IsEmail(c.Email.Trim()))
        {
            errors.Add(("email", "E-mailadressen er ikke gyldig."));
        }

        var thisYear = DanishTime.Today(now).Year;
        if (c.BirthYear is not { } year)
        {
            errors.Add(("birthYear", "Skriv borgerens fødselsår."));
        }
        else if (year < 1900 || year > thisYear)
        {
            errors.Add(("birthYear", $"Fødselsåret skal ligge mellem 1900 og {thisYear}."));
        }

        if (string.IsNullOrWhiteSpace(c.PostalCode) || c.PostalCode.Trim() is not { Length: 4 } pc || !pc.All(char.IsAsciiDigit))
        {
            errors.Add(("postalCode", "Skriv et postnummer med 4 cifre."));
        }

        if (c.TargetGroup is not { } g || !Enum.IsDefined(g))
        {
            errors.Add(("targetGroup", "Vælg borgerens målgruppe."));
        }

        if (c.PreferredChannel is not { } ch || !Enum.IsDefined(ch))
        {
            errors.Add(("preferredChannel", "Vælg hvordan borgeren helst vil kontaktes."));
        }
        else if (ch == ContactChannel.Sms && string.IsNullOrWhiteSpace(c.Phone))
        {
            errors.Add(("phone", "Skriv et telefonnummer, når borgeren vil kontaktes på SMS."));
        }
        else if (ch == ContactChannel.Email && string.IsNullOrWhiteSpace(c.Email))
        {
            errors.Add(("email", "Skriv en e-mailadresse, når borgeren vil kontaktes på e-mail."));
        }

        return errors;
    }

    public static bool IsEmail(string s) =>
        s.Length <= Limits.Email && System.Net.Mail.MailAddress.TryCreate(s, out var a) && a.Address == s && s.IndexOf('.', s.IndexOf('@', StringComparison.Ordinal)) > 0;

    /// <summary>Digits only, with an optional leading "+": 8 digits, or +45 and 8 digits, or another country's +nn number.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var s = new string([.. phone.Trim().Where(ch => ch is not (' ' or '-' or '(' or ')' or '.'))]);
        var plus = s.StartsWith('+');
        var digits = plus ? s[1..] : s;
        if (!digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return (plus, digits.Length) switch
        {
            (false, 8) => digits,
            (true, >= 10 and <= 15) => "+" + digits,
            _ => null,
        };
    }

    private static string? PhoneKey(string? phone) => NormalizePhone(phone) is { } p ? p[^8..] : null;

    private static string NameKey(string first, string last) => SearchText.Normalize($"{first} {last}");

    /// <summary>Citizens the user can see with the same name and birth year, or the same phone number.</summary>
    public static async Task<List<PossibleDuplicate>> PossibleDuplicatesAsync(AppDbContext db, ClaimsPrincipal user, NewCitizen c, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(c.FirstName) || string.IsNullOrWhiteSpace(c.LastName))
        {
            return [];
        }

        var nameKey = NameKey(c.FirstName.Trim(), c.LastName.Trim());
        var phoneKey = PhoneKey(c.Phone);
        var rows = await db.Citizens.AsNoTracking().VisibleTo(user)
            .Where(x => (x.NameKey == nameKey && x.BirthYear == c.BirthYear) || (phoneKey != null && x.PhoneKey == phoneKey))
            .OrderBy(x => x.Id)
            .Take(10)
            .Select(x => new { x.Id, x.FirstName, x.LastName, x.BirthYear, x.NameKey, x.PhoneKey })
            .ToListAsync(ct);
        return [.. rows.Select(x => new PossibleDuplicate(x.Id, $"{x.FirstName} {x.LastName}", x.BirthYear,
            x.NameKey == nameKey && x.BirthYear == c.BirthYear ? "samme navn og fødselsår" : "samme telefonnummer"))];
    }

    /// <summary>Creates the citizen with the consents given. The caller has validated the input and decided on duplicates.</summary>
    public static async Task<Outcome> CreateAsync(AppDbContext db, ClaimsPrincipal user, NewCitizen c, DateTimeOffset now, CancellationToken ct = default) =>
        (await CreateAsync(db, user, c, now, null, (_, _) => Task.FromResult(true), ct)).Outcome;

    /// <summary>
    /// The citizen already made with this form's or client's idempotency key, if the user can see it:
    /// a second submit of the same form, or a client's retry, answers with it (issue 14). A key used for a
    /// citizen the user cannot see is a conflict, so the key says nothing about that citizen.
    /// </summary>
    public static async Task<Outcome?> ExistingAsync(AppDbContext db, ClaimsPrincipal user, Guid key, CancellationToken ct = default)
    {
        if (key == Guid.Empty)
        {
            return null;
        }

        if (await db.Citizens.AsNoTracking().Where(x => x.IdempotencyKey == key).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct) is not { } id)
        {
            return null;
        }

        return await db.Citizens.AsNoTracking().VisibleTo(user).AnyAsync(x => x.Id == id, ct)
            ? Outcome.Done(id)
            : Outcome.Bad("idempotencyKey", "Nøglen er allerede brugt. Send med en ny nøgle.");
    }

    /// <summary>
    /// Creates the citizen, writes the access-log row <paramref name="accessLogView"/> (when given) and runs
    /// <paramref name="readBack"/> in one transaction: a fault anywhere in it leaves no citizen behind, and on
    /// PostgreSQL the whole unit is retried (issue 14, finding 3). With an idempotency key, the same key sent
    /// again — also by a second submit racing the first — answers with the citizen the first one made.
    /// </summary>
    public static async Task<(Outcome Outcome, T? Read)> CreateAsync<T>(
        AppDbContext db, ClaimsPrincipal user, NewCitizen c, DateTimeOffset now, string? accessLogView, Func<int, CancellationToken, Task<T>> readBack, CancellationToken ct = default)
    {

        int department;
        if (user.IsInRole(Roles.Coordinator))
        {
            if (c.DepartmentId is not { } d || !await db.Departments.VisibleTo(user).AnyAsync(x => x.Id == d, ct))
            {
                return (Outcome.Bad("departmentId", "Vælg den afdeling, der ejer sagen."), default);
            }

            department = d;
        }
        else if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } own)
        {
            // A professional always creates citizens in their own department, whatever was posted.
            department = own;
        }
        else
        {
            return (Outcome.Missing, default);
        }

        var by = user.DisplayName();
        var first = c.FirstName!.Trim();
        var last = c.LastName!.Trim();
        var citizen = new Citizen
        {
            DepartmentId = department,
            FirstName = first,
            LastName = last,
            Phone = string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim(),
            Email = string.IsNullOrWhiteSpace(c.Email) ? null : c.Email.Trim(),
            BirthYear = c.BirthYear!.Value,
            PostalCode = c.PostalCode!.Trim(),
            TargetGroup = c.TargetGroup!.Value,
            PreferredChannel = c.PreferredChannel!.Value,
            NameKey = NameKey(first, last),
            PhoneKey = PhoneKey(c.Phone),
            CreatedAtUtc = now.UtcDateTime,
            CreatedBy = by,
            IdempotencyKey = c.IdempotencyKey == Guid.Empty ? null : c.IdempotencyKey,
            Consents = [.. c.Consents.Distinct().Select(p => new Consent { Purpose = p, Method = c.ConsentMethod, GivenAtUtc = now.UtcDateTime, GivenBy = by })],
        };
        try
        {
            return await db.InTransactionAsync(
                async ct =>
                {
                    // Also a retry's check: the first attempt's commit may have gone through before the fault.
                    if (await ExistingAsync(db, user, c.IdempotencyKey, ct) is { } made)
                    {
                        return made.Kind == OutcomeKind.Ok ? (made, await readBack(made.Id, ct)) : (made, default);
                    }

                    db.Citizens.Add(citizen);
                    await db.SaveChangesAsync(ct);
                    if (accessLogView is not null)
                    {
                        AccessLog.Add(db, user, now, citizen.Id, accessLogView);
                        await db.SaveChangesAsync(ct);
                    }

                    return (Outcome.Done(citizen.Id), await readBack(citizen.Id, ct));
                },
                ct);
        }
        catch (DbUpdateException ex) when (c.IdempotencyKey != Guid.Empty && ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
        {
            // Two submits with the same key raced past the check above, and the database took one.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(db, user, c.IdempotencyKey, ct) is { Kind: OutcomeKind.Ok } winner)
            {
                return (winner, await readBack(winner.Id, ct));
            }

            throw;
        }
    }
}
