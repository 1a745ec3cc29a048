namespace Chimera.Insight;

/// <summary>Measured: computed from raw samples. Reported: a figure the file already summarised.</summary>
public enum MetricOrigin
{
    Measured,
    Reported,
}
