namespace Chimera.Insight;

/// <summary>A model loaded in memory (/api/ps) and where it runs.</summary>
public sealed class OllamaLoadedModel
{
    public string Name { get; set; } = "";
    /// <summary>Bytes in memory (weights and context).</summary>
    public long Size { get; set; }
    /// <summary>Bytes of it in GPU memory.</summary>
    public long SizeVram { get; set; }
    /// <summary>Share held on the GPU: 100 all on GPU, 0 all on CPU.</summary>
    public int GpuOffloadPercent { get; set; }
    /// <summary>"GPU", "CPU" or e.g. "60% GPU / 40% CPU" (as ollama ps shows it).</summary>
    public string Placement { get; set; } = "";
    /// <summary>The context actually allocated, when the server reports it.</summary>
    public int? ContextLength { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
