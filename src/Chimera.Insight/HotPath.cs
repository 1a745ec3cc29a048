using System.Runtime.CompilerServices;

namespace Chimera.Insight;

/// <summary>
/// For the loops that run per file, record and value. Marked methods are compiled optimised the first time they
/// run instead of starting in tier 0: a scheduled task starts a fresh pwsh for one run, and without this most of
/// that run went by in unoptimised loops waiting for tiered compilation to catch up.
/// </summary>
internal static class HotPath
{
    /// <summary>MethodImplOptions.AggressiveOptimization (.NET Core 3.0 and later), which netstandard2.0 does not name.
    /// .NET Framework does not define the value; Windows PowerShell 5.1 has not been tried with it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
