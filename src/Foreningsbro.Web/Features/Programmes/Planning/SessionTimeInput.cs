using System.ComponentModel.DataAnnotations;

using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>A session's date, times and topic as typed: an extra session (/forloeb/{id}/traeninger) and a moved one (/forloeb/traening/{id}/rediger).</summary>
public class SessionTimeInput
{
    [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
    public string? Date { get; set; }

    [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 10:00.")]
    public string? Start { get; set; }

    [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 11:30.")]
    public string? End { get; set; }

    [StringLength(100, ErrorMessage = "Emnet må højst være {1} tegn.")]
    [PlainText]
    public string? Topic { get; set; }
}
