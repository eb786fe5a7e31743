namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// A value axis through zero with round ticks: steps of 1, 2, 2.5 or 5 × 10ⁿ ("nice numbers"), so a chart reads
/// 0, 20,000, 40,000 … rather than 0, 40,960, 81,920 (MudBlazor doubles its default step of 20 until the ticks
/// fit). Steps are whole numbers, as MudBlazor's tick spacing is an integer, which rules out 2.5 itself.
/// </summary>
internal readonly record struct NiceAxis(double Min, double Max, double Step)
{
    private static readonly double[] Mantissas = [1, 2, 2.5, 5];

    /// <summary>How many steps from <see cref="Min"/> to <see cref="Max"/>; one more tick than this.</summary>
    public int Intervals => (int)Math.Round((Max - Min) / Step);

    public IEnumerable<double> Ticks
    {
        get
        {
            var (min, step) = (Min, Step);
            return Enumerable.Range(0, Intervals + 1).Select(i => min + (i * step));
        }
    }

    /// <summary>The axis with the smallest round step that spans zero and the values in at most <paramref name="maxIntervals"/> steps.</summary>
    public static NiceAxis For(double min, double max, int maxIntervals = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Need finite values with min ≤ max, not {min} and {max}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIntervals, 1);
        (min, max) = (Math.Min(0, min), Math.Max(0, max));
        for (var magnitude = 1d; ; magnitude *= 10)
        {
            foreach (var mantissa in Mantissas)
            {
                var step = mantissa * magnitude;
                if (step % 1 != 0)
                {
                    continue;
                }

                var (low, high) = (Down(min, step), Up(max, step));
                if (high - low <= maxIntervals)
                {
                    // An axis needs some height, even when every value is zero.
                    return new NiceAxis(low * step, Math.Max(high, low + 1) * step, step);
                }
            }
        }
    }

    /// <summary>The axis from zero up to at least <paramref name="max"/>.</summary>
    public static NiceAxis UpTo(double max, int maxIntervals = 5) => For(0, max, maxIntervals);

    // A hair of tolerance, so 100,000 / 20,000 counts as 5 steps whatever the floating point makes of it.
    private static double Up(double value, double step) => Math.Ceiling((value / step) - 1e-9);

    private static double Down(double value, double step) => Math.Floor((value / step) + 1e-9);
}
