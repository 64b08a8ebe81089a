using Foreningsbro.Web.Features.Catalogue.Search;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>Catalogue settings (configuration section "Catalogue").</summary>
public sealed class CatalogueOptions
{
    /// <summary>How many matches a search counts before it says "over N" instead of the exact number.</summary>
    public int SearchCountLimit { get; set; } = TeamSearchQuery.DefaultCountLimit;

    /// <summary>
    /// Answer searches from memory (<see cref="CatalogueIndex"/>). Only for an installation where this
    /// app instance is the one writer of the catalogue; turn it off when several instances share a database.
    /// </summary>
    public bool InMemorySearch { get; set; } = true;
}
