namespace Foreningsbro.Web.Infrastructure;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// What a command did: the id on success, or the field and Danish message on failure. Commands
/// return it for every expected case instead of throwing; <see cref="OutcomeResults"/> turns it
/// into the API's or the page's answer.
/// </summary>
public sealed record Outcome(OutcomeKind Kind, int Id = 0, string? Field = null, string? Message = null)
{
    public static Outcome Done(int id) => new(OutcomeKind.Ok, id);

    public static Outcome Bad(string field, string message) => new(OutcomeKind.Invalid, Field: field, Message: message);

    public static readonly Outcome Missing = new(OutcomeKind.NotFound);

    public static Outcome Clash(string message) => new(OutcomeKind.Conflict, Message: message);
}
