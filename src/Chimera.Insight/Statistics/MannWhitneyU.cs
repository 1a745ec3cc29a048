using MathNet.Numerics.Distributions;

namespace Chimera.Insight.Statistics;

/// <summary>The Mann-Whitney U test (two-sided), which MathNet.Numerics lacks. As scipy.stats.mannwhitneyu does
/// by default: the exact distribution when there are no ties and one sample has at most 8 values, else the
/// normal approximation with tie correction and continuity correction (MathNet's Normal CDF).</summary>
public static class MannWhitneyU
{
    private const int ExactLimit = 8;

    /// <summary>The two-sided p-value; 1 when either sample is empty.</summary>
    public static double TwoSidedPValue(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n1 = x.Count, n2 = y.Count;
        if (n1 == 0 || n2 == 0)
        {
            return 1;
        }

        var (u1, tieTerm) = RankSum(x, y);
        var hasTies = tieTerm > 0;
        if (!hasTies && (n1 <= ExactLimit || n2 <= ExactLimit))
        {
            return ExactTwoSided(u1, n1, n2);
        }

        double n = n1 + n2;
        var mean = n1 * (double)n2 / 2;
        var variance = n1 * (double)n2 / 12 * (n + 1 - tieTerm / (n * (n - 1)));
        if (variance <= 0)
        {
            return 1;
        }

        var u = Math.Max(u1, n1 * (double)n2 - u1);
        var z = (u - mean - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * (1 - Normal.CDF(0, 1, z)));
    }

    /// <summary>The smallest p-value samples of these sizes can reach (perfectly separated, no ties): when it is
    /// above alpha no difference can ever be significant.</summary>
    public static double SmallestPValue(int n1, int n2)
    {
        if (n1 == 0 || n2 == 0)
        {
            return 1;
        }

        var x = Enumerable.Range(0, n1).Select(i => (double)i).ToArray();
        var y = Enumerable.Range(n1, n2).Select(i => (double)i).ToArray();
        return TwoSidedPValue(x, y);
    }

    /// <summary>U of the first sample (pairs where x beats y, ties half) and the tie term sum(t^3 - t).</summary>
    private static (double U1, double TieTerm) RankSum(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var all = new (double Value, bool First)[x.Count + y.Count];
        for (var i = 0; i < x.Count; i++) all[i] = (x[i], true);
        for (var i = 0; i < y.Count; i++) all[x.Count + i] = (y[i], false);
        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));

        double rankSum = 0, tieTerm = 0;
        var start = 0;
        while (start < all.Length)
        {
            var end = start;
            while (end + 1 < all.Length && all[end + 1].Value == all[start].Value)
            {
                end++;
            }

            double t = end - start + 1;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (all[k].First)
                {
                    rankSum += rank;
                }
            }

            tieTerm += t * t * t - t;
            start = end + 1;
        }

        return (rankSum - x.Count * (x.Count + 1) / 2.0, tieTerm);
    }

    /// <summary>Exact two-sided p from the distribution of U under the null (no ties): counts of arrangements
    /// by the recurrence f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u).</summary>
    private static double ExactTwoSided(double u1, int n1, int n2)
    {
        var maxU = n1 * n2;
        var counts = ExactCounts(n1, n2);
        double total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        var u = (int)Math.Round(Math.Max(u1, maxU - u1));
        double upper = 0;
        for (var k = u; k <= maxU; k++)
        {
            upper += counts[k];
        }

        return Math.Min(1, 2 * upper / total);
    }

    private static double[] ExactCounts(int n1, int n2)
    {
        // previous[n][u] holds f(m - 1, n, u) while row m is filled.
        var maxU = n1 * n2;
        var previous = new double[n2 + 1][];
        for (var n = 0; n <= n2; n++)
        {
            previous[n] = new double[maxU + 1];
            previous[n][0] = 1; // f(0, n, 0) = 1
        }

        for (var m = 1; m <= n1; m++)
        {
            var current = new double[n2 + 1][];
            current[0] = new double[maxU + 1];
            current[0][0] = 1; // f(m, 0, 0) = 1
            for (var n = 1; n <= n2; n++)
            {
                current[n] = new double[maxU + 1];
                for (var u = 0; u <= m * n; u++)
                {
                    var fromFirst = u - n >= 0 ? previous[n][u - n] : 0;
                    current[n][u] = fromFirst + current[n - 1][u];
                }
            }

            previous = current;
        }

        return previous[n2];
    }
}
