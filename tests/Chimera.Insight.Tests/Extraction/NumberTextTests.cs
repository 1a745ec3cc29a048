using Xunit;
using System.Globalization;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public class NumberTextTests
{
    [Theory]
    [InlineData("0.0865", false, 0.0865)]
    [InlineData(" 77.93 ", false, 77.93)]
    [InlineData("1e3", false, 1000)]
    [InlineData("-3", false, -3)]
    [InlineData("0,0865", true, 0.0865)]
    [InlineData("77.5", true, 77.5)]
    public void Reads_numbers_invariantly(string text, bool decimalComma, double expected)
    {
        Assert.True(NumberText.TryParse(text, decimalComma, out var value, out var problem), problem);
        Assert.Equal(expected, value, 10);
    }

    [Theory]
    [InlineData("", false, "empty")]
    [InlineData("N/A", false, "no value")]
    [InlineData("NaN", false, "not a finite number")]
    [InlineData("Infinity", false, "not a finite number")]
    [InlineData("-Infinity", false, "not a finite number")]
    [InlineData("1,5", false, "ambiguous")]
    [InlineData("1,234.5", false, "thousands separator")]
    [InlineData("12,345,678", false, "thousands separator")]
    [InlineData("1.234,5", true, "thousands separator")]
    [InlineData("12,34.5", false, "ambiguous")]
    [InlineData("1.234", true, "ambiguous")]
    [InlineData("abc", false, "not a number")]
    [InlineData("12 ms", false, "not a number")]
    public void Refuses_what_it_cannot_read_for_certain(string text, bool decimalComma, string reason)
    {
        Assert.False(NumberText.TryParse(text, decimalComma, out var value, out var problem));
        Assert.True(double.IsNaN(value));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Reads_the_same_under_a_decimal_comma_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(NumberText.TryParse("0.0865", false, out var value, out _));
            Assert.Equal(0.0865, value);
            Assert.Equal("0.8", NumberText.Format(0.8));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

public class PlainNumberTests
{
    [Theory]
    [InlineData("0.0865")]
    [InlineData("147.13")]
    [InlineData("-3")]
    [InlineData("+2.5")]
    [InlineData("1e3")]
    [InlineData("6.02E23")]
    [InlineData("0.1")]
    [InlineData("123456789.123456789")]
    [InlineData("2.2250738585072014E-308")]
    public void Plain_numbers_read_from_bytes_equal_the_full_rules(string text)
    {
        Assert.True(NumberText.TryParsePlain(System.Text.Encoding.UTF8.GetBytes(text), decimalComma: false, out var fast));
        Assert.True(NumberText.TryParse(text, false, out var full, out _));
        Assert.Equal(BitConverter.DoubleToInt64Bits(full), BitConverter.DoubleToInt64Bits(fast));
    }

    [Fact]
    public void Short_decimals_read_digit_by_digit_equal_the_full_rules_bit_for_bit()
    {
        var random = new Random(20261128);
        var texts = new List<string> { "0", "-0", "5.", ".5", "999999999999999", "0.000000000000001", "-123456789012.345", "100000000000000.0" };
        for (var i = 0; i < 20000; i++)
        {
            var length = random.Next(1, 16);
            var digits = new string(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))).ToArray());
            var dot = random.Next(length + 2);
            var text = dot <= length ? digits.Insert(dot, ".") : digits;
            texts.Add(random.Next(4) == 0 ? "-" + text : text);
        }

        foreach (var text in texts)
        {
            Assert.True(NumberText.TryParsePlain(System.Text.Encoding.UTF8.GetBytes(text), decimalComma: false, out var fast), text);
            var full = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(full) == BitConverter.DoubleToInt64Bits(fast), text);
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(" 1.5", false)]
    [InlineData("1,5", false)]
    [InlineData("1,234.5", false)]
    [InlineData("1.234", true)]
    [InlineData("N/A", false)]
    [InlineData("NaN", false)]
    [InlineData("1e999", false)]
    [InlineData("1-2", false)]
    [InlineData("1.2.3", false)]
    [InlineData("-", false)]
    public void Anything_else_is_left_to_the_full_rules(string text, bool decimalComma)
    {
        Assert.False(NumberText.TryParsePlain(System.Text.Encoding.UTF8.GetBytes(text), decimalComma, out _));
    }
}

public class SignificantDigitsTests
{
    [Fact]
    public void The_decimal_exponent_is_floor_log10_across_the_range()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var value = Math.Pow(10, (random.NextDouble() * 40) - 20) * (random.Next(2) == 0 ? -1 : 1);
            Assert.Equal((int)Math.Floor(Math.Log10(Math.Abs(value))), SignificantDigits.DecimalExponent(value));
        }

        foreach (var exact in new[] { 1e-5, 0.001, 1, 10, 1000, 1e15, 1e-300, 1e300, 3e-305, 5e-310, 1.7e308 })
        {
            Assert.Equal((int)Math.Floor(Math.Log10(exact)), SignificantDigits.DecimalExponent(exact));
        }

        // Just below a power of ten, where log10 rounds up to it, the exponent stays the true one.
        Assert.Equal(2, SignificantDigits.DecimalExponent(9.999999999999999e2));
    }

    [Theory]
    [InlineData(0.0865, 4, 0.0865)]
    [InlineData(86.49999, 4, 86.5)]
    [InlineData(123456, 4, 123500)]
    [InlineData(-0.00012345, 2, -0.00012)]
    [InlineData(0, 4, 0)]
    public void Rounds_to_significant_digits(double value, int digits, double expected)
    {
        Assert.Equal(expected, SignificantDigits.Round(value, digits), 12);
    }
}

public class StableHashTests
{
    [Fact]
    public void Equal_texts_hash_alike_whatever_object_holds_them_and_others_apart()
    {
        var texts = Enumerable.Range(0, 500).Select(i => "TtftMs/" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var first = texts.Select(StableHash.Of).ToArray();
        // Other string objects with the same text, asked in another order (the cache holds 64 objects).
        var again = texts.Reverse().Select(t => StableHash.Of(new string(t.ToCharArray()))).Reverse().ToArray();

        Assert.Equal(first, again);
        Assert.Equal(texts.Length, first.Distinct().Count());
        Assert.NotEqual(StableHash.Of(null), StableHash.Of(""));
    }
}
