using System.Diagnostics;
using Foreningsbro.Bench;
using Foreningsbro.Web.Data;

var cts = new CancellationTokenSource();
var data = Path.GetFullPath("bench/data");
var teams = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var provider = Enum.Parse<Provider>(args[1], true);
if (args.Length > 2)
{
    var sw = Stopwatch.StartNew();
    var g = new CatalogueGenerator(1, teams, new DateOnly(2026, 8, 17)).Generate();
    Console.WriteLine($"gen {sw.ElapsedMilliseconds}");
    await using var ctx = BenchDatabase.CreateContext(Provider.Sqlite, "Data Source=x.db");
    var t = new BulkTable(ctx.Model.FindEntityType(typeof(Team))!, g.Teams);
    sw.Restart();
    long n = 0;
    foreach (var row in t.Rows) foreach (var c in t.Columns) { if (c.ProviderValue(row) is not DBNull) n++; }
    Console.WriteLine($"values {n} in {sw.ElapsedMilliseconds}");
    return;
}
var db = await BenchDatabase.PrepareAsync(provider, teams, 20261122, new DateOnly(2026, 8, 17), data, Environment.GetEnvironmentVariable("FORENINGSBRO_BENCH_POSTGRES"), false, cts.Token);
Console.WriteLine($"{db.ActiveTeamIds.Length} active, {db.PostalCodes.Length} postal codes");
