using System.Globalization;

namespace Chimera.Insight.Reporting.Grounding;

/// <summary>How the matcher writes values back: in a group's own unit, or in the unit and precision a figure was written in.</summary>
internal static class GroundingFormat
{
    /// <summary>A canonical value in the group's own unit: "127.25 ms", "108.05 tok/s".</summary>
    public static string Canonical(double canonical, MetricGroup group) =>
        Numbers.WithUnit(group.Factor == 0 ? canonical : canonical / group.Factor, SafeText.Inline(group.Source.Unit, 16));

    /// <summary>A canonical value as the figure would have written it: its unit, its decimals (at least enough to differ).</summary>
    public static string AsWritten(double canonical, WrittenFigure figure, WrittenUnit? unit, double? timeFactor = null)
    {
        var factor = unit?.Factor ?? timeFactor ?? 1;
        var value = canonical / factor;
        var decimals = Decimals(figure.Text);
        var text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (unit is null) return text;
        return unit.Text is "%" or "x" or "×" ? text + unit.Text : text + " " + unit.Text;
    }

    private static int Decimals(string written)
    {
        var dot = -1;
        var end = 0;
        for (var i = 0; i < written.Length; i++)
        {
            if (char.IsDigit(written[i])) end = i;
            else if (written[i] == '.' && i + 1 < written.Length && char.IsDigit(written[i + 1]) && dot < 0) dot = i;
            else if (!char.IsDigit(written[i]) && written[i] != ',' && end > 0 && dot >= 0) break;
        }

        return dot < 0 ? 0 : Math.Max(0, end - dot);
    }
}
