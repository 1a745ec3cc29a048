namespace Chimera.Insight.Extraction;

/// <summary>One figure of a record: 16 bytes, as a file holds thousands. <see cref="Valid"/> false: NaN, kept only so a
/// failed record shows (a figure read is always finite). Its metric, unit and statistic are those of the field it was
/// read from. Where it was read is the record's to say (<see cref="BenchmarkRecord.LocationOf"/>).</summary>
internal readonly struct RecordValue(FieldMapping field, double value)
{
    /// <summary>The field the value was read from (or, without a figure, the field it stands for).</summary>
    public FieldMapping Field { get; } = field;
    public string Metric => Field.Metric;
    public string Unit => Field.Unit;
    public string Statistic => Field.Statistic ?? Insight.Statistic.Sample;
    /// <summary><see cref="StableHash.OfFigure"/> of <see cref="Metric"/>, <see cref="Unit"/> and <see cref="Statistic"/>.</summary>
    public ulong FigureKey => Field.FigureKey;
    public double Value { get; } = value;
    /// <summary>A canonical figure read from the file (not derived): part of the record id.</summary>
    public bool Identifying => Valid && Field.IsCanonical && !Field.IsDerived;
    public bool Valid => !double.IsNaN(Value);
}
