namespace Chimera.Insight;

/// <summary>Whether a measurement carries a model (re)load: Cold, or not: Warm.</summary>
public enum Phase
{
    Warm,
    Cold,
}
