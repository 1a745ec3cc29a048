using System.Reflection;
using System.Runtime.Loader;

namespace Chimera.Insight.Commands;

/// <summary>
/// The private load context of the engine and its third-party dependencies (PowerShell 7 only).
/// Only the engine is handed to it from the default context; everything the engine references then
/// resolves here first: from dependencies/ unless the running .NET already provides it.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private const string EngineAssemblyName = "Chimera.Insight";
    private static DependencyLoadContext? instance;

    private readonly string folder;
    private readonly HashSet<string> platformAssemblies;

    private DependencyLoadContext(string folder)
    {
        this.folder = folder;
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
        if (name.Name is null || platformAssemblies.Contains(name.Name))
        {
            return null;
        }

        var path = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static HashSet<string> ReadPlatformAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator))
            {
                // Only the shared framework: a copy of System.Text.Json that PowerShell itself happens
                // to carry is fine to share, a third-party one is not.
                if (path.IndexOf("Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }
        }

        return names;
    }
}
