using System.Reflection;
using System.Runtime.Loader;

namespace Chimera.Insight.Commands;

/// <summary>
/// The private load context of the engine and its third-party dependencies (PowerShell 7 only).
/// Only the engine is handed to it from the default context; everything the engine references then
/// resolves here first: from dependencies/ unless the running .NET already provides it in the same
/// or a newer version (PowerShell 7.4 runs .NET 8, whose System.Text.Json is older than the one
/// OllamaSharp's dependencies ask for: that one then loads from dependencies/).
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private const string EngineAssemblyName = "Chimera.Insight";
    private static DependencyLoadContext? instance;

    private readonly Dictionary<string, string> shippedAssemblies;
    private readonly Dictionary<string, string> platformAssemblies;

    private DependencyLoadContext(string folder)
    {
        shippedAssemblies = Directory.EnumerateFiles(folder, "*.dll")
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase);
        platformAssemblies = ReadPlatformAssemblyNames();
    }

    public static void Register(string folder)
    {
        instance ??= new DependencyLoadContext(folder);
        Default.Resolving += ResolveEngine;
    }

    public static void Unregister() => Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        instance is not null && string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal)
            ? instance.LoadFromAssemblyName(name)
            : null;

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || !shippedAssemblies.TryGetValue(name.Name, out var path))
        {
            return null;
        }

        if (platformAssemblies.TryGetValue(name.Name, out var platformPath) && !IsNewer(path, platformPath))
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    private static bool IsNewer(string candidate, string platform) =>
        AssemblyName.GetAssemblyName(candidate).Version is { } shipped &&
        AssemblyName.GetAssemblyName(platform).Version is { } provided &&
        shipped > provided;

    private static Dictionary<string, string> ReadPlatformAssemblyNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator))
            {
                // Only the shared framework: a copy of System.Text.Json that PowerShell itself happens
                // to carry is fine to share, a third-party one is not.
                if (path.IndexOf("Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    names[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }
        }

        return names;
    }
}
