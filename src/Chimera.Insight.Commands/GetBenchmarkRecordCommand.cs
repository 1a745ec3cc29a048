using System.Management.Automation;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Commands;

/// <summary>
/// Reads benchmark artifacts (CSV, JSON/JSONL, Markdown) into one BenchmarkRecord per run: a CSV row, a JSON request,
/// a Markdown section or table row, with the conditions it ran under, whether it failed, and its figures (the values
/// Get-BenchmarkSample gives one at a time). Takes files as Get-BenchmarkSample does; each problem in a file becomes a
/// non-terminating InvalidBenchmarkData error naming the file, the row/line/position and the reason.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchmarkRecord")]
[OutputType("Chimera.Insight.BenchmarkRecord")]
public sealed class GetBenchmarkRecordCommand : ArtifactFileCommand
{
    /// <summary>One record per run, in file order; with -Metric, those holding a figure of a metric it names (the
    /// record whole: it does not change).</summary>
    private protected override void Emit(ExtractionResult result, Func<string, bool> selects)
    {
        foreach (var record in result.Records)
        {
            var selected = false;
            foreach (var figure in record.Figures)
            {
                selected |= selects(figure.Metric);
            }

            if (selected)
            {
                WriteObject(record);
            }
        }
    }
}
