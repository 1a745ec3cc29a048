using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands;

/// <summary>Writes what a measurement session has to say since the last call, on the pipeline thread: its notes (cells
/// passed over, models filled in) as verbose messages, then its notices (errors and warnings).</summary>
internal static class SessionOutput
{
    public static void Write(PSCmdlet cmdlet, MeasurementSession session)
    {
        foreach (var note in session.TakeNotes())
        {
            cmdlet.WriteVerbose(note);
        }

        NoticeWriter.Write(cmdlet, session.TakeNotices());
    }
}
