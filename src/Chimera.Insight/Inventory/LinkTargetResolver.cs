using System.Reflection;

namespace Chimera.Insight.Inventory;

/// <summary>
/// Resolves a directory link to its final target where the native shim is not there (Windows): through
/// <c>Directory.ResolveLinkTarget</c>, which .NET 6 and later have but netstandard2.0 cannot name.
/// </summary>
internal static class LinkTargetResolver
{
    private static readonly MethodInfo? ResolveLinkTarget = typeof(Directory).GetMethod(
        "ResolveLinkTarget", BindingFlags.Public | BindingFlags.Static, null, [typeof(string), typeof(bool)], null);

    public static string? Resolve(string path)
    {
        try
        {
            var target = ResolveLinkTarget?.Invoke(null, [path, true]) as FileSystemInfo;
            return Path.GetFullPath(target?.FullName ?? path);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
