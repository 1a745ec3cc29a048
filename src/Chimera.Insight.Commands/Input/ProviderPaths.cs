using System.Management.Automation;
using Chimera.Insight.Commands.Inventory;

namespace Chimera.Insight.Commands.Input;

/// <summary>Resolves -Path / -LiteralPath arguments and piped path strings to file-system paths, the same way for
/// every cmdlet: wildcards unless literal, a clear error for a path that matches nothing or is not on the file
/// system.</summary>
internal static class ProviderPaths
{
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string path, bool literal)
    {
        ProviderInfo provider;
        List<string> resolved;
        try
        {
            resolved = literal
                ? [cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _)]
                : [.. cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider)];
        }
        catch (ItemNotFoundException)
        {
            cmdlet.WriteError(InventoryErrors.NotFound(path));
            return [];
        }
        catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or ArgumentException or NotSupportedException)
        {
            cmdlet.WriteError(new ErrorRecord(e, "InvalidPath", ErrorCategory.InvalidArgument, path));
            return [];
        }

        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            cmdlet.WriteError(new ErrorRecord(
                new ArgumentException(InventoryStrings.NotFileSystem(path, provider.Name)), "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
            return [];
        }

        if (resolved.Count == 0)
        {
            cmdlet.WriteError(InventoryErrors.NotFound(path));
        }

        return resolved;
    }
}
