using System.Globalization;

namespace BusinessValue.Benchmarks;

/// <summary>
/// One result row for scripts/bench.sh, which collects every stdout line starting with <c>BENCH|</c> into the table
/// of docs/performance.md: <c>BENCH|row|data size|ours|baseline name: baseline figure|ratio|target|met</c>.
/// The format is shared by every mode of this project (and the circuits benchmark); keep it one line, no pipes inside.
/// </summary>
internal static class BenchLine
{
    public static void Print(string row, string dataSize, string ours, string baseline, string ratio, string target, bool? met) =>
        Console.WriteLine(string.Join('|', "BENCH", Clean(row), Clean(dataSize), Clean(ours), Clean(baseline), Clean(ratio), Clean(target),
            met switch { true => "yes", false => "no", null => "n/a" }));

    public static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ms");

    public static string Ratio(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.00}×");

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100d * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Clean(string cell) => cell.Replace('|', '/').Replace('\n', ' ');
}
