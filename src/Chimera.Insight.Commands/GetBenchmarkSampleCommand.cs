using System.Management.Automation;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Commands;

/// <summary>
/// Reads benchmark artifacts (CSV, JSON/JSONL, Markdown) into one BenchmarkSample per value. Takes files from the
/// pipeline by property name (FullName and Kind of Get-BenchmarkInventory's BenchmarkFile objects, live or
/// deserialized; PSPath of Get-ChildItem's), or -Path (wildcards) / -LiteralPath. Each problem in a file becomes
/// a non-terminating InvalidBenchmarkData error naming the file, the row/line/position and the reason; the rest of
/// the file and the other files are still read.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchmarkSample")]
[OutputType("Chimera.Insight.BenchmarkSample")]
public sealed class GetBenchmarkSampleCommand : ArtifactFileCommand
{
    /// <summary>One sample per value, in file order; with -Metric, those of the metrics it names.</summary>
    private protected override void Emit(ExtractionResult result, Func<string, bool> selects)
    {
        foreach (var sample in result.Samples)
        {
            if (selects(sample.Metric))
            {
                WriteObject(sample);
            }
        }
    }
}
