namespace Chimera.Insight.Inventory;

/// <summary>Which file names are benchmark artifacts, and of which kind.</summary>
public static class ArtifactKinds
{
    // How much of a .txt, .log or .sql file is looked at to tell benchmark output from other text.
    private const int SniffBytes = 64 * 1024;

    /// <summary>The kind a file name's extension stands for (case-insensitive), or null for any other file. A
    /// <c>.txt</c>, <c>.log</c> or <c>.sql</c> file is <see cref="ArtifactKind.Text"/> only when its content holds
    /// benchmark output (<see cref="TextSniffer"/>): given a name alone, or other text, it is none.</summary>
    public static ArtifactKind? FromFileName(string fileName)
    {
        switch (Path.GetExtension(fileName).ToLowerInvariant())
        {
            case ".csv":
                return ArtifactKind.Csv;
            case ".json":
            case ".jsonl":
            case ".ndjson":
                return ArtifactKind.Json;
            case ".md":
            case ".markdown":
                return ArtifactKind.Markdown;
            case ".txt":
            case ".log":
            case ".sql":
                return HoldsBenchmarkText(fileName) ? ArtifactKind.Text : null;
            default:
                return null;
        }
    }

    private static bool HoldsBenchmarkText(string path)
    {
        try
        {
            if (!Path.IsPathRooted(path) || !File.Exists(path))
            {
                return false;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var buffer = new byte[(int)Math.Min(SniffBytes, stream.Length)];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += read;
            }

            return TextSniffer.HoldsBenchmarkOutput(System.Text.Encoding.UTF8.GetString(buffer, 0, filled));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
