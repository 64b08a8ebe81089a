namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// What a set of saved changes touched (reported by <see cref="CatalogueChanges"/>, applied by
/// <see cref="CatalogueIndex"/>): teams by id, and the teams of clubs, venues, activities and target
/// groups; or everything, when a bulk update cannot say which rows it touched.
/// </summary>
internal sealed class IndexChanges
{
    public HashSet<int> Teams { get; } = [];
    public HashSet<int> Clubs { get; } = [];
    public HashSet<int> Venues { get; } = [];
    public HashSet<int> Activities { get; } = [];
    public HashSet<int> TargetGroups { get; } = [];
    public bool Everything { get; set; }

    public bool IsEmpty => !Everything && Teams.Count + Clubs.Count + Venues.Count + Activities.Count + TargetGroups.Count == 0;

    public void Add(IndexChanges other)
    {
        Teams.UnionWith(other.Teams);
        Clubs.UnionWith(other.Clubs);
        Venues.UnionWith(other.Venues);
        Activities.UnionWith(other.Activities);
        TargetGroups.UnionWith(other.TargetGroups);
        Everything |= other.Everything;
    }
}
