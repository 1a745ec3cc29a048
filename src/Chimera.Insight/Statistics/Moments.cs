namespace Chimera.Insight.Statistics;

/// <summary>Count, mean and sum of squared deviations (M2) of some values, merged with the pairwise formula of Chan,
/// Golub and LeVeque (1979), which stays accurate where sums of squares cancel; the mean of a batch comes from a
/// Neumaier-compensated sum.</summary>
internal readonly struct Moments(long count, double mean, double sumOfSquares, double min, double max)
{
    public long Count { get; } = count;
    public double Mean { get; } = mean;
    public double SumOfSquares { get; } = sumOfSquares;
    public double Min { get; } = min;
    public double Max { get; } = max;

    public static Moments Empty => new(0, 0, 0, double.PositiveInfinity, double.NegativeInfinity);

    public double? StdDev => Count > 1 ? Math.Sqrt(Math.Max(0, SumOfSquares) / (Count - 1)) : null;

    public static Moments Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return Empty;
        }

        double sum = 0, compensation = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            var t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var mean = (sum + compensation) / values.Count;
        double squares = 0, deviations = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
            deviations += d;
        }

        // The corrected two-pass formula: the sum of deviations removes what rounding left in the mean.
        return new Moments(values.Count, mean, squares - deviations * deviations / values.Count, min, max);
    }

    public Moments Combine(Moments other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        double n = Count + other.Count;
        var delta = other.Mean - Mean;
        var mean = Mean + delta * (other.Count / n);
        var m2 = SumOfSquares + other.SumOfSquares + delta * delta * (Count * (double)other.Count / n);
        return new Moments(Count + other.Count, mean, m2, Math.Min(Min, other.Min), Math.Max(Max, other.Max));
    }
}
