using System.Management.Automation;
using Chimera.Insight.Inventory;

namespace Chimera.Insight.Commands.Inventory;

/// <summary>The error records Get-BenchmarkInventory writes: one stable id and category per kind of problem, the path as target.</summary>
internal static class InventoryErrors
{
    public static ErrorRecord NotFound(string path) =>
        new(new ItemNotFoundException(InventoryStrings.NoMatch(path)), "PathNotFound", ErrorCategory.ObjectNotFound, path);

    public static ErrorRecord From(InventoryProblem problem)
    {
        var (id, category) = problem.Kind switch
        {
            InventoryProblemKind.NotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
            InventoryProblemKind.AccessDenied => ("AccessDenied", ErrorCategory.PermissionDenied),
            InventoryProblemKind.DanglingLink => ("DanglingLink", ErrorCategory.ObjectNotFound),
            InventoryProblemKind.Vanished => ("FileVanished", ErrorCategory.ObjectNotFound),
            InventoryProblemKind.NotARegularFile => ("NotARegularFile", ErrorCategory.InvalidType),
            InventoryProblemKind.LinkLoop => ("LinkLoop", ErrorCategory.InvalidData),
            _ => ("ReadFailed", ErrorCategory.ReadError),
        };

        Exception exception = problem.Kind switch
        {
            InventoryProblemKind.NotFound => new ItemNotFoundException(problem.Message),
            InventoryProblemKind.AccessDenied => new UnauthorizedAccessException(problem.Message, problem.Exception),
            InventoryProblemKind.Vanished or InventoryProblemKind.DanglingLink => new FileNotFoundException(problem.Message, problem.Path, problem.Exception),
            _ => new IOException(problem.Message, problem.Exception),
        };

        return new ErrorRecord(exception, id, category, problem.Path);
    }
}
