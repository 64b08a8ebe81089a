using System.ComponentModel.DataAnnotations;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>The instructor's own kiosk PIN (4–8 digits), stored hashed like a password.</summary>
[Authorize(Policy = Policies.Instructor)]
public class InstructorPinModel(UserManager<AppUser> users) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv en PIN på 4 til 8 cifre.")]
        [RegularExpression("^[0-9]{4,8}$", ErrorMessage = "PIN skal være 4 til 8 cifre (kun tal).")]
        [Display(Name = "Ny PIN")]
        public string Pin { get; set; } = "";

        [Required(ErrorMessage = "Gentag PIN.")]
        [Compare(nameof(Pin), ErrorMessage = "De to PIN-koder er ikke ens.")]
        [Display(Name = "Gentag PIN")]
        public string Repeat { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool HasPin { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        HasPin = user.KioskPinHash is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        HasPin = user.KioskPinHash is not null;
        if (!ModelState.IsValid)
        {
            // A PIN is a secret: never sent back into the form.
            Input = new();
            return Page();
        }

        user.KioskPinHash = users.PasswordHasher.HashPassword(user, Input.Pin);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "PIN blev ikke gemt. Prøv igen.");
            Input = new();
            return Page();
        }

        TempData["Message"] = "Din kiosk-PIN er gemt.";
        return Redirect("/instruktoer");
    }
}
