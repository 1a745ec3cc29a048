using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chimera.Insight.Extraction;

/// <summary>Rounding to significant digits without a logarithm per value: the decimal exponent comes from the
/// binary one and a table of powers of ten (record ids and fingerprints round every figure they hash).</summary>
internal static class SignificantDigits
{
    private const int MinExponent = -300;
    private const int MaxExponent = 300;
    private const int BinaryExponents = 2047;

    private static readonly double[] Powers = CreatePowers();

    // For each biased binary exponent: the decimal exponent of its smallest value, and the next power of ten. Every
    // value with that binary exponent lies below twice that smallest value, so its decimal exponent is the same or one
    // more (NaN: out of the table's range, worked out the long way).
    private static readonly int[] ExponentOfBinary = new int[BinaryExponents];
    private static readonly double[] NextPowerOfBinary = CreateBinaryTables();

    /// <summary>10^exponent, exactly as the literal 1e{exponent} reads.</summary>
    public static double Pow10(int exponent) =>
        exponent is >= MinExponent and <= MaxExponent ? Powers[exponent - MinExponent] : Math.Pow(10, exponent);

    /// <summary>floor(log10(|value|)) of a finite, non-zero value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int DecimalExponent(double value)
    {
        var magnitude = Math.Abs(value);
        var biased = (int)((BitConverter.DoubleToInt64Bits(magnitude) >> 52) & 0x7FF);
        if (biased < BinaryExponents)
        {
            var next = NextPowerOfBinary[biased];
            if (!double.IsNaN(next))
            {
                return magnitude >= next ? ExponentOfBinary[biased] + 1 : ExponentOfBinary[biased];
            }
        }

        return SearchExponent(magnitude);
    }

    /// <summary>The largest e with 10^e (<see cref="Pow10"/>) at most <paramref name="magnitude"/>, searched from the
    /// binary exponent's estimate.</summary>
    private static int SearchExponent(double magnitude)
    {
        var binary = (int)((BitConverter.DoubleToInt64Bits(magnitude) >> 52) & 0x7FF) - 1023;
        // log10(2) = 0.30103: the estimate is the exponent or one below it.
        var estimate = (int)Math.Floor(binary * 0.30102999566398120);
        if (estimate < MinExponent || estimate >= MaxExponent)
        {
            return (int)Math.Floor(Math.Log10(magnitude));
        }

        while (estimate < MaxExponent && Pow10(estimate + 1) <= magnitude)
        {
            estimate++;
        }

        while (estimate > MinExponent && Pow10(estimate) > magnitude)
        {
            estimate--;
        }

        return estimate;
    }

    private static double[] CreateBinaryTables()
    {
        var next = new double[BinaryExponents];
        for (var biased = 0; biased < BinaryExponents; biased++)
        {
            next[biased] = double.NaN;
            if (biased == 0)
            {
                continue; // zero and subnormals: their binary exponent says too little
            }

            var smallest = BitConverter.Int64BitsToDouble((long)biased << 52);
            var exponent = SearchExponent(smallest);
            if (exponent > MinExponent && exponent < MaxExponent)
            {
                ExponentOfBinary[biased] = exponent;
                next[biased] = Pow10(exponent + 1);
            }
        }

        return next;
    }

    /// <summary>The value rounded to <paramref name="digits"/> significant digits (0.0865 s as 86.5 ms and 86.49999 agree).</summary>
    public static double Round(double value, int digits)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var scale = Pow10(digits - 1 - DecimalExponent(value));
        return Math.Round(value * scale) / scale;
    }

    private static double[] CreatePowers()
    {
        var powers = new double[MaxExponent - MinExponent + 1];
        for (var e = MinExponent; e <= MaxExponent; e++)
        {
            powers[e - MinExponent] = double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return powers;
    }
}
