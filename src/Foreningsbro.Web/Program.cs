using Foreningsbro.Web.Features.Account;
using Foreningsbro.Web.Features.Admin.Export;
using Foreningsbro.Web.Features.Calendar;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.OpenActive;
using Foreningsbro.Web.Features.Catalogue.OpenReferral;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Features.Outcomes;
using Foreningsbro.Web.Features.Programmes;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Features.Reports;
using Foreningsbro.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAppSecurity(builder.Configuration);
builder.Services.AddAppProxy(builder.Configuration, builder.Environment);
builder.Services.AddAppKeyRing(builder.Configuration, builder.Environment);
builder.Services.AddAppLocalization();
builder.Services.AddAppProblemDetails();
builder.Services.AddAppJson();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.Add(new RejectedFormConvention());
    })
    .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Pages/Shared/{0}.cshtml"))
    .AddAppViewLocalization()
    .AddMvcOptions(o => o.Filters.Add<UnknownHandlerFilter>());
builder.Services.AddAppOpenApi();
builder.Services.AddAppHealthChecks();
builder.Services.AddMessages(builder.Configuration, builder.Environment);
builder.Services.Configure<CatalogueOptions>(builder.Configuration.GetSection("Catalogue"));

var app = builder.Build();
if (AdminCommand.Matches(args))
{
    // First run: `dotnet run --project src/Foreningsbro.Web -- admin create …` (README, "First run").
    Environment.ExitCode = await AdminCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
    return;
}

app.UseAppProxy();
app.UseAppErrors();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseJsonCharset();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.Use(SessionStore.ThrowSessionCheckFailure); // a session that could not be checked fails the request here, once
app.UseApiOriginCheck();
app.UseKiosk();
app.UseUnknownAddressNotFound();
app.UsePageMethods();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapApiDescription();
app.MapAppHealthChecks();
app.MapRazorPages();
app.MapCatalogueApi();
app.MapOpenReferralApi();
app.MapOpenActiveFeeds();
app.MapCalendarFeeds();
app.MapCatalogueExport();
app.MapCitizensApi();
app.MapOutcomesApi();
app.MapReferralsApi();
app.MapReportsApi();
app.MapProgrammesApi();
app.MapAttendanceApi();
app.MapAccountEndpoints();
app.MapSingleSignOn();

await app.PrepareDatabaseAsync();
await app.RunAsync();

public partial class Program;
