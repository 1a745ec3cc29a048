using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Chimera.Insight.Commands;

/// <summary>
/// Registers the dependency resolver when the module is imported. The engine and every third-party
/// assembly live in dependencies/ next to this DLL: on PowerShell 7 they load into a private
/// AssemblyLoadContext, so another module's YamlDotNet or CsvHelper never clashes with ours;
/// on Windows PowerShell 5.1 they load through AppDomain.AssemblyResolve.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static string DependencyFolder { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

    private static bool IsNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
        }
        else
        {
            RegisterCoreResolver();
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
        }
        else
        {
            UnregisterCoreResolver();
        }
    }

    // Kept in their own methods so that Windows PowerShell never JIT-compiles a reference to
    // AssemblyLoadContext, which .NET Framework does not have.
    private static void RegisterCoreResolver() => DependencyLoadContext.Register(DependencyFolder);

    private static void UnregisterCoreResolver() => DependencyLoadContext.Unregister();

    private static Assembly? ResolveOnNetFramework(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
