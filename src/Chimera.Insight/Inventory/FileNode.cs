using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Chimera.Insight.Inventory;

/// <summary>What kind of node a path names, found without opening it.</summary>
internal enum FileNodeType
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
    /// <summary>The node could not be examined (see <see cref="FileNodeInfo.Error"/>).</summary>
    Inaccessible,
}

internal readonly struct FileNodeInfo
{
    public FileNodeInfo(FileNodeType type, string? error = null)
    {
        Type = type;
        Error = error;
    }

    public FileNodeType Type { get; }

    /// <summary>The operating system's reason when the node could not be examined.</summary>
    public string? Error { get; }
}

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket before anything opens it (opening a FIFO
/// blocks until a writer appears). .NET has no public API for the Unix file type, so on Unix this asks
/// the runtime's own native shim (System.Native, which ships with every .NET on Unix and whose
/// <c>FileStatus.Mode</c> carries the normalised S_IF* bits at offset 4). Where that shim cannot be
/// reached, <see cref="IsTypeKnown"/> is false and callers must be careful with what they open.
/// </summary>
internal static class FileNode
{
    private const int ModeOffset = 4;
    private const int StatusBufferSize = 512;
    private const int TypeMask = 0xF000;
    private const int NoSuchEntry = 2; // ENOENT, the same on Linux and macOS
    private const int NotADirectory = 20; // ENOTDIR, the same on Linux and macOS

    private static bool nativeUnavailable;

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>True when <see cref="Probe"/> can tell regular files from special ones on this platform.</summary>
    public static bool IsTypeKnown => IsWindows || !nativeUnavailable;

    public static FileNodeInfo Probe(string path, bool followLinks)
    {
        if (!IsWindows && !nativeUnavailable)
        {
            try
            {
                return ProbeUnix(path, followLinks);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                nativeUnavailable = true;
            }
        }

        return ProbeManaged(path, followLinks);
    }

    /// <summary>The path with every link resolved, or null when that cannot be found.</summary>
    public static string? RealPath(string path)
    {
        if (!IsWindows && !nativeUnavailable)
        {
            try
            {
                var result = NativeMethods.RealPath(Utf8(path));
                if (result == IntPtr.Zero)
                {
                    return null;
                }

                try
                {
                    return Marshal.PtrToStringAnsi(result); // UTF-8 on .NET for Unix
                }
                finally
                {
                    Marshal.FreeHGlobal(result); // free() on Unix
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                nativeUnavailable = true;
            }
        }

        return LinkTargetResolver.Resolve(path);
    }

    [ThreadStatic]
    private static byte[]? statusBuffer;

    private static FileNodeInfo ProbeUnix(string path, bool followLinks)
    {
        var buffer = statusBuffer ??= new byte[StatusBufferSize];
        var bytes = Utf8(path);
        var result = followLinks ? NativeMethods.Stat(bytes, buffer) : NativeMethods.LStat(bytes, buffer);
        if (result != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            return errno is NoSuchEntry or NotADirectory
                ? new FileNodeInfo(FileNodeType.Missing)
                : new FileNodeInfo(FileNodeType.Inaccessible, new Win32Exception(errno).Message);
        }

        var mode = BitConverter.ToInt32(buffer, ModeOffset) & TypeMask;
        return new FileNodeInfo(mode switch
        {
            0x8000 => FileNodeType.Regular,
            0x4000 => FileNodeType.Directory,
            0xA000 => FileNodeType.SymbolicLink,
            0x1000 => FileNodeType.Fifo,
            0x2000 => FileNodeType.CharacterDevice,
            0x6000 => FileNodeType.BlockDevice,
            0xC000 => FileNodeType.Socket,
            _ => FileNodeType.Unknown,
        });
    }

    private static FileNodeInfo ProbeManaged(string path, bool followLinks)
    {
        try
        {
            var attributes = File.GetAttributes(path);
            if (!followLinks && (attributes & FileAttributes.ReparsePoint) != 0)
            {
                return new FileNodeInfo(FileNodeType.SymbolicLink);
            }

            if ((attributes & FileAttributes.Directory) != 0)
            {
                return new FileNodeInfo(FileNodeType.Directory);
            }

            if ((attributes & FileAttributes.Device) != 0)
            {
                return new FileNodeInfo(FileNodeType.CharacterDevice);
            }

            if (followLinks && (attributes & FileAttributes.ReparsePoint) != 0 && !File.Exists(path))
            {
                return new FileNodeInfo(FileNodeType.Missing);
            }

            return new FileNodeInfo(FileNodeType.Regular);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileNodeInfo(FileNodeType.Missing);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileNodeInfo(FileNodeType.Inaccessible, e.Message);
        }
    }

    private static byte[] Utf8(string path)
    {
        var count = System.Text.Encoding.UTF8.GetByteCount(path);
        var bytes = new byte[count + 1];
        System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    private static class NativeMethods
    {
        private const string SystemNative = "libSystem.Native";

        [DllImport(SystemNative, EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat(byte[] path, byte[] status);

        [DllImport(SystemNative, EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int LStat(byte[] path, byte[] status);

        [DllImport(SystemNative, EntryPoint = "SystemNative_RealPath", SetLastError = true)]
        public static extern IntPtr RealPath(byte[] path);
    }
}
