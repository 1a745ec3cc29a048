using System.Management.Automation;

namespace Chimera.Insight.Commands;

/// <summary>
/// Registers the dependency resolver when the module is imported. The engine and every third-party
/// assembly live in dependencies/ next to this DLL and load into a private AssemblyLoadContext, so
/// another module's YamlDotNet or CsvHelper never clashes with ours.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static string DependencyFolder { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

    public void OnImport() => DependencyLoadContext.Register(DependencyFolder);

    public void OnRemove(PSModuleInfo module) => DependencyLoadContext.Unregister();
}
