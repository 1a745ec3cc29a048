using System.Management.Automation;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands.Input;

/// <summary>Writes a session's notices on the pipeline thread: bad data and unreadable files as non-terminating
/// errors naming the file, location and reason; repeated content as warnings.</summary>
internal static class NoticeWriter
{
    public const string InvalidDataErrorId = "InvalidBenchmarkData";
    public const string ReadFailedErrorId = "BenchmarkFileReadFailed";

    public static void Write(PSCmdlet cmdlet, IEnumerable<MeasurementNotice> notices)
    {
        foreach (var notice in notices)
        {
            switch (notice.Kind)
            {
                case MeasurementNoticeKind.InvalidData:
                    cmdlet.WriteError(new ErrorRecord(new InvalidDataException(notice.Message), InvalidDataErrorId,
                        ErrorCategory.InvalidData, notice.Source));
                    break;
                case MeasurementNoticeKind.ReadFailed:
                    cmdlet.WriteError(new ErrorRecord(new IOException(notice.Message, notice.Exception), ReadFailedErrorId,
                        ErrorCategory.ReadError, notice.Source));
                    break;
                default:
                    cmdlet.WriteWarning(notice.Message);
                    break;
            }
        }
    }
}
