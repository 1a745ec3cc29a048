namespace Chimera.Insight;

/// <summary>The kinds of benchmark artifact the module reads.</summary>
public enum ArtifactKind
{
    Csv,
    Json,
    Markdown,
}
