using System.Diagnostics;
using System.Globalization;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Query;
using NodeAgent.QueryBench;

// dotnet run -c Release --project bench/NodeAgent.QueryBench -- [SERIES=100000] [ITERATIONS=50]
var series = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var key = new byte[32];
var policy = new DisclosurePolicy(new DisclosureOptions());
var rollups = SyntheticRollups.Generate(series, seed: 1);

var before = GC.GetTotalMemory(forceFullCollection: true);
var load = Stopwatch.StartNew();
using var table = new RollupTable(rollups, DisclosureKeys.PatientSet(key));
load.Stop();
var tableBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
GC.KeepAlive(rollups);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series:N0} series: table built in {load.Elapsed.TotalMilliseconds:0} ms, ~{tableBytes / 1048576.0:0.0} MiB"));

var queries = new (string Name, string Json)[]
{
    ("count, no filter", """{"measures":["series"]}"""),
    ("group by modality, all measures", """{"groupBy":["modality"],"measures":["patients","studies","series","instances"]}"""),
    ("filter + group by modality, age_years", """{"where":{"and":[{"in":["sex",["F"]]},{"range":["age_years",40,80]},{"or":[{"eq":["contrast","true"]},{"eq":["kvp",120]}]}]},"groupBy":["modality","age_years"],"measures":["patients","series"]}"""),
};
foreach (var (name, json) in queries)
{
    var query = QueryJson.Parse(json);
    QueryService.Preview(table, policy, key, query, null, null, DateTimeOffset.UtcNow);
    var times = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        var preview = QueryService.Preview(table, policy, key, query, null, null, DateTimeOffset.UtcNow);
        times[i] = watch.Elapsed.TotalMilliseconds;
        GC.KeepAlive(preview);
    }

    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} median {times[iterations / 2],7:0.00} ms   min {times[0],7:0.00} ms   max {times[^1],7:0.00} ms"));
}
