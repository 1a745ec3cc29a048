using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chimera.Insight.Ollama;

/// <summary>
/// What OllamaSharp lacks, on the wire, for one call: the bearer key, options passed through as given,
/// the server's error text kept for every status, and a watchdog on the streamed body.
/// </summary>
internal sealed class OllamaWireHandler : DelegatingHandler
{
    private const int MaxErrorBodyChars = 4000;

    private readonly string? apiKey;
    private readonly JsonObject? options;
    private readonly TimeSpan idleTimeout;
    private readonly CancellationToken callToken;

    public OllamaWireHandler(HttpMessageHandler inner, string? apiKey, IReadOnlyDictionary<string, object>? options, TimeSpan idleTimeout, CancellationToken callToken)
        : base(inner)
    {
        this.apiKey = apiKey;
        this.options = options is null ? null : OllamaOptions.ToJson(options);
        this.idleTimeout = idleTimeout;
        this.callToken = callToken;
    }

    /// <summary>The body of the streamed answer, once its headers arrived.</summary>
    public WatchdogStream? Body { get; private set; }

    /// <summary>When the generation request, fully built, was handed to the connection (Stopwatch ticks).</summary>
    public long SentTimestamp { get; private set; }

    /// <summary>The time on the wire from the request to the bytes read last: asked for when the first token is seen,
    /// it is the time to first token without the client's own work (building the request, parsing the answer).</summary>
    public double? WireMillisecondsToLastRead =>
        SentTimestamp != 0 && Body is { LastReadTimestamp: > 0 } body
            ? System.Diagnostics.Stopwatch.GetElapsedTime(SentTimestamp, body.LastReadTimestamp).TotalMilliseconds
            : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        var streaming = IsGeneration(request);
        if (streaming && request.Content is not null)
        {
            request.Content = await RewriteBodyAsync(request.Content).ConfigureAwait(false);
        }

        if (streaming)
        {
            SentTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await ReadErrorTextAsync(response).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new OllamaHttpException(status, text);
        }

        if (streaming)
        {
            var original = response.Content;
            Body = new WatchdogStream(await original.ReadAsStreamAsync().ConfigureAwait(false), idleTimeout, callToken);
            var wrapped = new StreamContent(Body);
            foreach (var header in original.Headers)
            {
                wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = wrapped;
        }

        return response;
    }

    private static bool IsGeneration(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        return request.Method == HttpMethod.Post &&
               (path.EndsWith("api/generate", StringComparison.Ordinal) || path.EndsWith("api/chat", StringComparison.Ordinal));
    }

    /// <summary>Puts the options in as given (OllamaSharp's typed options know only some) and drops OllamaSharp's stray CustomHeaders.</summary>
    private async Task<HttpContent> RewriteBodyAsync(HttpContent content)
    {
        var body = JsonNode.Parse(await content.ReadAsStringAsync().ConfigureAwait(false)) as JsonObject;
        if (body is null)
        {
            return content;
        }

        body.Remove("CustomHeaders");
        body.Remove("options");
        if (options is { Count: > 0 })
        {
            body["options"] = options.DeepClone();
        }

        content.Dispose();
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    private static async Task<string> ReadErrorTextAsync(HttpResponseMessage response)
    {
        string body;
        try
        {
            body = (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = "";
        }

        if (body.Length == 0)
        {
            return string.IsNullOrEmpty(response.ReasonPhrase) ? OllamaMessages.NoResponseText : response.ReasonPhrase!;
        }

        return ErrorText(body) ?? (body.Length > MaxErrorBodyChars ? body.Substring(0, MaxErrorBodyChars) + "..." : body);
    }

    /// <summary>The "error" of an Ollama error object, else null.</summary>
    internal static string? ErrorText(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line!.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
