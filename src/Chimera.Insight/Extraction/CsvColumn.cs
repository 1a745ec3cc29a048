using CsvHelper;

namespace Chimera.Insight.Extraction;

/// <summary>A column of the CSV file being read: an array element, used in place (see <see cref="CsvHeaderLayout.TakeColumns"/>).</summary>
internal struct CsvColumn(string name, FieldMapping mapping)
{
    public string Name { get; } = name;
    public FieldMapping Mapping { get; } = mapping;
    /// <summary>An unknown column that has held a number: from then on a non-number in it is a problem.</summary>
    public bool Numeric { get; set; }

    private byte[]? lastBytes;
    private string? lastText;

    /// <summary>The field's text; the same text as the row before (a model, a backend) is the same string.</summary>
    public string TextOf(CsvReader parser, int index)
    {
        var bytes = parser.GetSpan(index);
        if (lastText is not null && bytes.SequenceEqual(lastBytes))
        {
            return lastText;
        }

        var text = parser.GetString(index);
        // Short fields only: a long prompt is not worth keeping a copy of.
        lastText = bytes.Length <= 256 ? text : null;
        lastBytes = bytes.Length <= 256 ? bytes.ToArray() : null;
        return text;
    }
}
