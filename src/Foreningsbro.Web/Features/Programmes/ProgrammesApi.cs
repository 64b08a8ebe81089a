namespace Foreningsbro.Web.Features.Programmes;

/// <summary>/api/v1/programmes: programmes, their sessions and the group evaluation.</summary>
public static class ProgrammesApi
{
    public static IEndpointRouteBuilder MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
