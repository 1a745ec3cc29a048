using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Writes a file so that readers only ever see the old content or the whole new content: the text
/// goes to a temporary file in the same folder, which is then renamed over the target. A failure
/// removes the temporary file and leaves any existing target untouched.
/// </summary>
public static class AtomicFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the write failed.</exception>
    public static void WriteAllText(string path, string content, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"The file '{full}' already exists.");
        }

        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(full))
            {
                if (!overwrite)
                {
                    throw new IOException($"The file '{full}' already exists.");
                }

                File.Replace(temporary, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, full);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                    // best effort: the temporary name starts with '.' and ends with .tmp
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
