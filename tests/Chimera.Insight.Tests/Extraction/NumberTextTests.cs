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
