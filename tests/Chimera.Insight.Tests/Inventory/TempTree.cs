using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Chimera.Insight.Tests.Inventory;

/// <summary>A throw-away folder tree for one test, written file by file.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "chimera-inventory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public string File(string relativePath, string content = "x", DateTime? lastWriteUtc = null)
    {
        var path = Full(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        if (lastWriteUtc is DateTime time)
        {
            System.IO.File.SetLastWriteTimeUtc(path, time);
        }

        return path;
    }

    public string Folder(string relativePath)
    {
        var path = Full(relativePath);
        Directory.CreateDirectory(path);
        return path;
    }

    public string Link(string relativePath, string target)
    {
        var path = Full(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Run("ln", "-s", target, path);
        return path;
    }

    public string Fifo(string relativePath)
    {
        var path = Full(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Run("mkfifo", path);
        return path;
    }

    public string Full(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed: {error}");
        }
    }
}
