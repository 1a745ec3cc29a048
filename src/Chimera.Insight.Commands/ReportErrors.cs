using System.Management.Automation;
using Chimera.Insight.Ollama;
using Chimera.Insight.Workflow;

namespace Chimera.Insight.Commands;

/// <summary>The error record of a report that failed: a stable id and category per cause, the report as target
/// (it holds whatever text arrived).</summary>
internal static class ReportErrors
{
    public static ErrorRecord From(ReportFailure failure, InsightReport report)
    {
        var (id, category) = failure.Kind switch
        {
            ReportFailureKind.LlmRequired => ("OllamaUnreachable", ErrorCategory.ConnectionError),
            ReportFailureKind.Ungrounded => ("UngroundedFigures", ErrorCategory.InvalidResult),
            ReportFailureKind.Cancelled => ("ReportCancelled", ErrorCategory.OperationStopped),
            _ => failure.CallError switch
            {
                GenerationErrorKind.ModelNotFound => ("OllamaModelNotFound", ErrorCategory.ObjectNotFound),
                GenerationErrorKind.Unreachable or GenerationErrorKind.Busy or GenerationErrorKind.ConnectionLost => ("OllamaUnavailable", ErrorCategory.ConnectionError),
                GenerationErrorKind.IdleTimeout or GenerationErrorKind.Timeout => ("OllamaTimeout", ErrorCategory.OperationTimeout),
                GenerationErrorKind.Unauthorized or GenerationErrorKind.Forbidden => ("OllamaAccessDenied", ErrorCategory.PermissionDenied),
                GenerationErrorKind.BadRequest or GenerationErrorKind.InvalidRequest => ("OllamaBadRequest", ErrorCategory.InvalidArgument),
                GenerationErrorKind.StreamError or GenerationErrorKind.IncompleteStream => ("OllamaStreamFailed", ErrorCategory.ProtocolError),
                _ => ("OllamaCallFailed", ErrorCategory.NotSpecified),
            },
        };
        var message = report.Complete ? failure.Message : $"{failure.Message} {ReportCommandMessages.PartialKept(report.Text.Length)}";
        return new ErrorRecord(new InvalidOperationException(message), id, category, report);
    }
}
