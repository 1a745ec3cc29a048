namespace Chimera.Insight;

/// <summary>A model installed on the Ollama server (/api/tags).</summary>
public sealed class OllamaModel
{
    public string Name { get; set; } = "";
    /// <summary>Bytes on disk.</summary>
    public long Size { get; set; }
    public double SizeGB => Math.Round(Size / 1e9, 2);
    public string? Family { get; set; }
    public string? ParameterSize { get; set; }
    public string? QuantizationLevel { get; set; }
    public DateTime? ModifiedAt { get; set; }
    public string? Digest { get; set; }
}
