using System.Globalization;
using NodeAgent.Bench.Ingest;

// ingest-generator OUT_DIR COUNT PARTS: COUNT CT slices of 512×512×16 bit, split over PARTS series, one
// sub-directory per series (OUT_DIR/part0 …), so each of PARTS senders can take one directory.
if (args.Length != 3
    || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var parts) || parts < 1 || parts > count)
{
    await Console.Error.WriteLineAsync("usage: ingest-generator OUT_DIR COUNT PARTS   (1 <= PARTS <= COUNT)");
    return 2;
}

var study = new SyntheticStudy(parts);
var directories = Enumerable.Range(0, parts).Select(p => Directory.CreateDirectory(Path.Combine(args[0], $"part{p}")).FullName).ToArray();
Parallel.For(0, count, slice =>
{
    var part = (int)((long)slice * parts / count);
    study.CreateSlice(slice, part).Save(Path.Combine(directories[part], $"ct{slice:D6}.dcm"));
});
Console.WriteLine($"{count} instances in {parts} series under {Path.GetFullPath(args[0])}");
return 0;
