using System.Diagnostics;
using System.Management.Automation;

namespace Chimera.Insight.Commands;

/// <summary>Write-Progress for a cmdlet that reads files as they come: files read of those found so far, at most
/// a few times a second (quiet under $ProgressPreference, as every Write-Progress is).</summary>
internal sealed class FileProgress(Cmdlet cmdlet, string activity)
{
    private const int ActivityId = 18;
    private const int IntervalMs = 250;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long shownAt = -IntervalMs;
    private bool shown;

    public void Report(int read, int found)
    {
        if (found == 0 || clock.ElapsedMilliseconds - shownAt < IntervalMs) return;
        shownAt = clock.ElapsedMilliseconds;
        shown = true;
        var percent = (int)Math.Min(100, 100L * read / found);
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, $"{read} of {found} files found so far read") { PercentComplete = percent });
    }

    public void Complete()
    {
        if (!shown) return;
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, "done") { RecordType = ProgressRecordType.Completed });
    }
}
