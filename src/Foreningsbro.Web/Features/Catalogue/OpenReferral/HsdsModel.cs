using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreningsbro.Web.Features.Catalogue.OpenReferral;

// The records of Open Referral's Human Services Data Specification 3.0 that the catalogue fills, in its
// own field names (snake_case, written by HsdsJson). A null field or list is left out of the answer:
// the schemas give no field a null type. Only what clubs publish is here (docs/adr/0018-open-interfaces.md).

/// <summary>The spec's page object: every list answer.</summary>
public sealed record HsdsPage<T>(int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

/// <summary>GET /api/openreferral/: which HSDS this is and where its description lives.</summary>
public sealed record HsdsApiInfo(string Version, string Profile, string OpenapiUrl);

public sealed record HsdsService(
    string Id,
    string OrganizationId,
    string Name,
    string Status,
    string? Description = null,
    string? Url = null,
    string? Email = null,
    string? ApplicationProcess = null,
    string? FeesDescription = null,
    string? EligibilityDescription = null,
    int? MinimumAge = null,
    int? MaximumAge = null,
    string? AssuredDate = null,
    string? Alert = null,
    string? LastModified = null,
    HsdsOrganization? Organization = null,
    IReadOnlyList<HsdsPhone>? Phones = null,
    IReadOnlyList<HsdsSchedule>? Schedules = null,
    IReadOnlyList<HsdsServiceArea>? ServiceAreas = null,
    IReadOnlyList<HsdsServiceAtLocation>? ServiceAtLocations = null,
    IReadOnlyList<HsdsLanguage>? Languages = null,
    IReadOnlyList<HsdsCostOption>? CostOptions = null,
    IReadOnlyList<HsdsContact>? Contacts = null,
    IReadOnlyList<HsdsAttributeRecord>? Attributes = null);

public sealed record HsdsOrganization(
    string Id,
    string Name,
    string Description,
    string? Website = null,
    string? Uri = null,
    IReadOnlyList<HsdsOrganizationIdentifier>? OrganizationIdentifiers = null,
    IReadOnlyList<HsdsContact>? Contacts = null,
    IReadOnlyList<HsdsService>? Services = null);

public sealed record HsdsOrganizationIdentifier(string Id, string OrganizationId, string IdentifierScheme, string IdentifierType, string Identifier);

public sealed record HsdsLocation(
    string Id,
    string LocationType,
    string Name,
    string? Url = null,
    string? Description = null,
    double? Latitude = null,
    double? Longitude = null,
    IReadOnlyList<HsdsAddress>? Addresses = null,
    IReadOnlyList<HsdsAccessibility>? Accessibility = null,
    IReadOnlyList<HsdsLanguage>? Languages = null);

public sealed record HsdsAddress(
    string Id,
    string LocationId,
    [property: JsonPropertyName("address_1")] string Address1,
    string City,
    string StateProvince,
    string PostalCode,
    string Country,
    string AddressType);

public sealed record HsdsAccessibility(string Id, string LocationId, string Description);

public sealed record HsdsServiceAtLocation(
    string Id,
    string ServiceId,
    string LocationId,
    string? Description = null,
    HsdsLocation? Location = null,
    HsdsService? Service = null,
    IReadOnlyList<HsdsSchedule>? Schedules = null);

public sealed record HsdsSchedule(
    string Id,
    string Freq,
    int Interval,
    string Byday,
    string Wkst,
    string OpensAt,
    string ClosesAt,
    string Description,
    string AttendingType,
    string? ServiceId = null,
    string? ServiceAtLocationId = null,
    string? ValidFrom = null,
    string? ValidTo = null,
    string? Dtstart = null,
    string? Until = null,
    string? Notes = null,
    string? ScheduleLink = null);

public sealed record HsdsTaxonomy(string Id, string Name, string Description, string? Version = null);

public sealed record HsdsTaxonomyTerm(
    string Id,
    string Code,
    string Name,
    string Description,
    string TaxonomyId,
    string Taxonomy,
    string Language,
    HsdsTaxonomy? TaxonomyDetail = null);

public sealed record HsdsAttributeRecord(string Id, string LinkId, string LinkType, string LinkEntity, string TaxonomyTermId, HsdsTaxonomyTerm TaxonomyTerm, string? Value = null);

public sealed record HsdsCostOption(string Id, string ServiceId, string Option, string Currency, decimal Amount, string AmountDescription, string? ValidFrom = null, string? ValidTo = null);

public sealed record HsdsContact(string Id, string? Name = null, string? Title = null, string? Email = null, string? ServiceId = null, string? OrganizationId = null, IReadOnlyList<HsdsPhone>? Phones = null);

public sealed record HsdsPhone(string Id, string Number, string? Type = null, string? ServiceId = null, string? ContactId = null, string? Description = null);

public sealed record HsdsLanguage(string Id, string Name, string Code, string? ServiceId = null, string? LocationId = null);

public sealed record HsdsServiceArea(string Id, string ServiceId, string Name, string Description);

public static class HsdsJson
{
    /// <summary>HSDS field names are snake_case and no field may be null: nulls are left out.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
