namespace Foreningsbro.Web.Features.Programmes;

/// <summary>PUT /api/v1/sessions/{id}/attendance: recording a session from another device or system.</summary>
public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
