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
/// blocks until a writer appears). .NET's FileSystemInfo does not expose the Unix file type, so on
/// Linux this asks the kernel through statx(2), whose struct layout is fixed by the kernel ABI on every
/// architecture. Elsewhere (macOS, a libc without statx) <see cref="IsTypeKnown"/> is false and callers
/// must not open what may not be a regular file.
/// </summary>
internal static class FileNode
{
    private const int TypeMask = 0xF000;
    private const int NoSuchEntry = 2; // ENOENT
    private const int NotADirectory = 20; // ENOTDIR

    private static bool statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>True when <see cref="Probe"/> can tell regular files from special ones on this platform.</summary>
    public static bool IsTypeKnown => OperatingSystem.IsWindows() || !statxUnavailable;

    public static FileNodeInfo Probe(string path, bool followLinks)
    {
        if (!statxUnavailable)
        {
            try
            {
                return ProbeLinux(path, followLinks);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                statxUnavailable = true;
            }
        }

        return ProbeManaged(path, followLinks);
    }

    /// <summary>The path with every link resolved, or null when that cannot be found.</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var result = NativeMethods.RealPath(Utf8(path), IntPtr.Zero);
                if (result == IntPtr.Zero)
                {
                    return null;
                }

                try
                {
                    return Marshal.PtrToStringUTF8(result);
                }
                finally
                {
                    Marshal.FreeHGlobal(result); // free(3) on Unix: realpath(3) allocated the result with malloc
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // fall through to the managed resolution
            }
        }

        try
        {
            var target = new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return Path.GetFullPath(target?.FullName ?? path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileNodeInfo ProbeLinux(string path, bool followLinks)
    {
        var flags = followLinks ? 0 : NativeMethods.NoFollowLinks;
        if (NativeMethods.StatX(NativeMethods.CurrentDirectory, Utf8(path), flags, NativeMethods.TypeField, out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is NoSuchEntry or NotADirectory
                ? new FileNodeInfo(FileNodeType.Missing)
                : new FileNodeInfo(FileNodeType.Inaccessible, new Win32Exception(errno).Message);
        }

        return new FileNodeInfo((status.Mode & TypeMask) switch
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
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    private static class NativeMethods
    {
        public const int CurrentDirectory = -100; // AT_FDCWD
        public const int NoFollowLinks = 0x100; // AT_SYMLINK_NOFOLLOW
        public const uint TypeField = 0x1; // STATX_TYPE

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int StatX(int directory, byte[] path, int flags, uint mask, out StatXBuffer status);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        public static extern IntPtr RealPath(byte[] path, IntPtr resolved);
    }

    /// <summary>The head of struct statx (linux/stat.h); the kernel writes the whole 256 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatXBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint LinkCount;
        public uint UserId;
        public uint GroupId;
        public ushort Mode;
    }
}
