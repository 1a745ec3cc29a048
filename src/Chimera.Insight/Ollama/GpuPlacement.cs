using System.Globalization;

namespace Chimera.Insight.Ollama;

/// <summary>Where a loaded model runs, from /api/ps's size and size_vram.</summary>
public static class GpuPlacement
{
    /// <summary>size_vram == size: 100; 0: 0; otherwise round(size_vram / size * 100), kept within 1..99.</summary>
    public static int OffloadPercent(long size, long sizeVram)
    {
        if (size <= 0 || sizeVram <= 0)
        {
            return 0;
        }

        if (sizeVram >= size)
        {
            return 100;
        }

        var percent = (int)Math.Round(sizeVram * 100.0 / size, MidpointRounding.AwayFromZero);
        return Math.Min(99, Math.Max(1, percent));
    }

    /// <summary>"GPU", "CPU" or "60% GPU / 40% CPU", as ollama ps shows it.</summary>
    public static string Describe(int gpuPercent) => gpuPercent switch
    {
        >= 100 => "GPU",
        <= 0 => "CPU",
        _ => string.Format(CultureInfo.InvariantCulture, "{0}% GPU / {1}% CPU", gpuPercent, 100 - gpuPercent),
    };
}
