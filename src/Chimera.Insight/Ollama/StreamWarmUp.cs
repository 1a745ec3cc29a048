using System.Net;
using System.Text;

namespace Chimera.Insight.Ollama;

/// <summary>
/// Runs the client's streaming path once per process against canned answers in memory (no network): the request built
/// and rewritten, the stream read through the watchdog and parsed by OllamaSharp, for generate and chat. The first real
/// call then spends its time to first token on the wire rather than in compiling and setting up the client's code,
/// which a scheduled task, one call per process, would otherwise count in its TTFT.
/// </summary>
internal static class StreamWarmUp
{
    private const string Done =
        "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1,\"load_duration\":1,\"prompt_eval_count\":1," +
        "\"prompt_eval_duration\":1,\"eval_count\":1,\"eval_duration\":1}\n";

    private const string GenerateAnswer =
        "{\"model\":\"warm-up\",\"response\":\"a\",\"done\":false}\n{\"model\":\"warm-up\",\"response\":\"\"," + Done;

    private const string ChatAnswer =
        "{\"model\":\"warm-up\",\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"done\":false}\n" +
        "{\"model\":\"warm-up\",\"message\":{\"role\":\"assistant\",\"content\":\"\"}," + Done;

    private static int done;

    /// <summary>Runs the warm-up unless this process ran it already; <paramref name="stream"/> is the client's own
    /// streaming path, given a client over the canned answers.</summary>
    public static async Task RunOnceAsync(Func<HttpMessageHandler, bool, Task> stream)
    {
        if (Interlocked.Exchange(ref done, 1) != 0)
        {
            return;
        }

        try
        {
            await stream(new CannedAnswers(), false).ConfigureAwait(false);
            await stream(new CannedAnswers(), true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // Only the first call's timing depends on it.
        }
    }

    private sealed class CannedAnswers : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var chat = request.RequestUri?.AbsolutePath.EndsWith("api/chat", StringComparison.Ordinal) == true;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(chat ? ChatAnswer : GenerateAnswer, Encoding.UTF8, "application/x-ndjson"),
                RequestMessage = request,
            });
        }
    }
}
