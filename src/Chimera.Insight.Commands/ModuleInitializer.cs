using System.Management.Automation;

namespace Chimera.Insight.Commands;

/// <summary>
/// Registers the dependency resolver when the module is imported. The engine and every third-party
/// assembly live in dependencies/&lt;framework&gt;/ next to this DLL and load into a private AssemblyLoadContext, so
/// another module's YamlDotNet or CsvHelper never clashes with ours.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static string DependencyFolder { get; } = RuntimeFolder(Path.Combine(
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies"), Environment.Version.Major);

    public void OnImport() => DependencyLoadContext.Register(DependencyFolder);

    public void OnRemove(PSModuleInfo module) => DependencyLoadContext.Unregister();

    /// <summary>The build for the newest .NET not newer than the running one (net10.0 on .NET 10, net8.0 on .NET 8 and
    /// 9): each folder holds the engine and its dependencies with ReadyToRun code for that .NET.</summary>
    internal static string RuntimeFolder(string dependencies, int runtimeMajor)
    {
        var best = (Major: 0, Path: Path.Combine(dependencies, "net8.0"));
        foreach (var folder in Directory.Exists(dependencies) ? Directory.EnumerateDirectories(dependencies, "net*.0") : [])
        {
            var name = Path.GetFileName(folder);
            if (int.TryParse(name.AsSpan(3, name.Length - 5), out var major) && major <= runtimeMajor && major > best.Major)
            {
                best = (major, folder);
            }
        }

        return best.Path;
    }
}
