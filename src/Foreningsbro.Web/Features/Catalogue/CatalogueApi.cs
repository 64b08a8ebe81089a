namespace Foreningsbro.Web.Features.Catalogue;

public static class CatalogueApi
{
    public static void MapCatalogueApi(this WebApplication app)
    {
        _ = app.MapGroup("/api/v1").WithTags("Katalog");
    }
}
