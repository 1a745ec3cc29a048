namespace Chimera.Insight;

/// <summary>The kinds of benchmark artifact the module reads.</summary>
public enum ArtifactKind
{
    Csv,
    Json,
    Markdown,
    /// <summary>A .txt or .log file (or a llama-bench .sql dump) that holds benchmark tables or timing lines.</summary>
    Text,
}
