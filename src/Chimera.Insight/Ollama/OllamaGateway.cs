using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Chimera.Insight.Ollama;

/// <summary>
/// The client of an Ollama server, over OllamaSharp, with what it lacks: the server's error text for
/// every status, retries of a busy or refused server before any text, a stream that ends without its
/// done chunk taken as a failure, an idle timeout between chunks, and a cancel that aborts the read at
/// once. Thread-safe: calls share only the connection pool, so parallel calls are independent.
/// </summary>
public sealed class OllamaGateway : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// OllamaSharp gives each client new JsonSerializerOptions (plain ones for replies, relaxed escaping for
    /// requests). System.Text.Json lets equal options share what it learns about each type only while one of them
    /// is alive, so with a client per call every call rebuilt that metadata by reflection and compiled its
    /// accessors again. Two equal options kept for the session hold it.
    /// </summary>
    private static readonly JsonSerializerOptions[] SharedJsonMetadata = KeepJsonMetadata();

    // An explicit static constructor: the options above are made when the first gateway is, not left until a
    // static field happens to be read (which nothing does).
    static OllamaGateway()
    {
    }

    private static JsonSerializerOptions[] KeepJsonMetadata()
    {
        var options = new[] { new JsonSerializerOptions(), new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping } };
        foreach (var option in options)
        {
            JsonSerializer.Serialize(string.Empty, option); // joins (or starts) the metadata cache equal options share
        }

        return options;
    }

    private readonly HttpMessageHandler transport;
    private readonly bool ownsTransport;
    private readonly TimeSpan retryBaseDelay;
    private int disposed;

    /// <param name="retryBaseDelay">The first retry's delay before jitter (default 1 s); each retry doubles it, up to 30 s.</param>
    public OllamaGateway(TimeSpan? retryBaseDelay = null)
        : this(CreateTransport(), ownsTransport: true, retryBaseDelay)
    {
    }

    internal OllamaGateway(HttpMessageHandler transport, bool ownsTransport, TimeSpan? retryBaseDelay = null)
    {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.retryBaseDelay = retryBaseDelay ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// Streams one answer. Never throws for the server's or the network's faults: the result says what
    /// happened (<see cref="GenerationResult.ErrorKind"/>, a clear message, the text received so far).
    /// Cancelling <paramref name="cancellationToken"/> aborts the read at once and returns a result of
    /// kind Cancelled.
    /// </summary>
    /// <param name="onText">Called with each piece of text as it arrives, on the calling task's thread
    /// pool thread (never a PowerShell pipeline thread: queue it, do not Write* from it).</param>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, Action<string>? onText, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ThrowIfDisposed();
        await StreamWarmUp.RunOnceAsync(WarmUpStreamAsync, CreateTransport).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var result = new GenerationResult();
        var call = new CallState(request, result);
        if (Validate(request, out var options) is { } invalid)
        {
            return call.Fail(GenerationErrorKind.InvalidRequest, invalid, clock);
        }

        using var callSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout > TimeSpan.Zero && request.Timeout != Timeout.InfiniteTimeSpan)
        {
            callSource.CancelAfter(request.Timeout);
        }

        var random = new Random(Guid.NewGuid().GetHashCode());
        for (var attempt = 1; ; attempt++)
        {
            result.Attempts = attempt;
            var retry = await AttemptAsync(call, options!, onText, callSource.Token, cancellationToken).ConfigureAwait(false);
            if (retry is null)
            {
                break;
            }

            if (attempt > request.MaxRetries || call.Text.Length > 0)
            {
                call.Fail(retry.Value.Kind, retry.Value.Message, clock);
                break;
            }

            try
            {
                await Task.Delay(RetryDelay(attempt, random), callSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                call.Fail(cancellationToken.IsCancellationRequested ? GenerationErrorKind.Cancelled : GenerationErrorKind.Timeout, null, clock);
                break;
            }
        }

        result.Text = call.Text.ToString();
        result.ElapsedMs = clock.Elapsed.TotalMilliseconds;
        return result;
    }

    /// <summary>
    /// Reachability, version, installed and loaded models (with GPU placement and context), and whether
    /// <see cref="BackendQuery.Model"/> is installed. Never throws for the server's faults: an unreachable
    /// server gives Reachable = false and the reason in Error.
    /// </summary>
    public async Task<InsightBackend> GetStatusAsync(BackendQuery query, CancellationToken cancellationToken)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        ThrowIfDisposed();
        var clock = Stopwatch.StartNew();
        var backend = new InsightBackend
        {
            Uri = OllamaEndpoint.Display(query.Uri),
            Model = string.IsNullOrWhiteSpace(query.Model) ? null : query.Model,
            EndpointWarning = EndpointPolicy.Describe(query.Uri, !string.IsNullOrEmpty(query.ApiKey)),
            CheckedAt = DateTime.UtcNow,
        };

        using var http = CreateQueryClient(query);
        using var client = new OllamaApiClient(http);
        try
        {
            backend.Version = await client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            backend.Reachable = true;
        }
        catch (Exception ex) when (IsQueryFault(ex, cancellationToken))
        {
            backend.Error = DescribeQueryFault(ex, query);
            backend.ResponseMs = clock.Elapsed.TotalMilliseconds;
            return backend;
        }

        backend.ResponseMs = clock.Elapsed.TotalMilliseconds;
        var problems = new List<string>();
        var tags = query.IncludeInstalledModels ? client.ListLocalModelsAsync(cancellationToken) : null;
        var running = client.ListRunningModelsAsync(cancellationToken);
        try
        {
            if (tags is not null)
            {
                backend.Models = (await tags.ConfigureAwait(false)).Select(ToModel).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToArray();
                if (backend.Model is not null)
                {
                    backend.ModelPresent = backend.Models.Any(m => SameModel(m.Name, backend.Model));
                }
            }
        }
        catch (Exception ex) when (IsQueryFault(ex, cancellationToken))
        {
            problems.Add("/api/tags: " + DescribeQueryFault(ex, query));
        }

        try
        {
            backend.LoadedModels = (await running.ConfigureAwait(false)).Select(ToLoadedModel).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        }
        catch (Exception ex) when (IsQueryFault(ex, cancellationToken))
        {
            problems.Add("/api/ps: " + DescribeQueryFault(ex, query));
        }

        backend.Error = problems.Count == 0 ? null : string.Join(" ", problems);
        return backend;
    }

    /// <summary>The installed model names, for tab completion: empty when the server is down or slow.</summary>
    public async Task<string[]> GetModelNamesAsync(BackendQuery query, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var http = CreateQueryClient(query);
        using var client = new OllamaApiClient(http);
        try
        {
            var models = await client.ListLocalModelsAsync(cancellationToken).ConfigureAwait(false);
            return models.Select(m => m.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
        }
        catch (Exception ex) when (IsQueryFault(ex, cancellationToken))
        {
            return [];
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && ownsTransport)
        {
            transport.Dispose();
        }
    }

    /// <summary>One connection pool for every call; parallel reports are not queued behind .NET Framework's two connections per host.</summary>
    private static HttpMessageHandler CreateTransport()
    {
        var handler = new HttpClientHandler();
        try
        {
            handler.MaxConnectionsPerServer = 32;
        }
        catch (PlatformNotSupportedException)
        {
            // Older runtimes keep their own limit.
        }

        return handler;
    }

    /// <summary>"gemma3" and "gemma3:latest" name the same model.</summary>
    public static bool SameModel(string a, string b) =>
        string.Equals(WithTag(a), WithTag(b), StringComparison.OrdinalIgnoreCase);

    private static string WithTag(string name) => name.IndexOf(':') >= 0 ? name.Trim() : name.Trim() + ":latest";

    private async Task<(GenerationErrorKind Kind, string Message)?> AttemptAsync(
        CallState call, IReadOnlyDictionary<string, object> options, Action<string>? onText, CancellationToken callToken, CancellationToken userToken)
    {
        var request = call.Request;
        // Not disposed: a DelegatingHandler disposes its inner handler, the shared connection pool.
        var handler = new OllamaWireHandler(transport, request.ApiKey, options, request.IdleTimeout, callToken);
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress(request.Uri), Timeout = Timeout.InfiniteTimeSpan };
        using var client = new OllamaApiClient(http);
        var attemptClock = Stopwatch.StartNew();
        var textAtStart = call.Text.Length;
        try
        {
            var done = false;
            await foreach (var (piece, doneChunk) in StreamAsync(client, request, callToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(piece))
                {
                    // The wire's time when known: the first call of a process builds and parses with code still
                    // being compiled, which is the client's time, not the server's.
                    call.Result.TtftMs ??= handler.WireMillisecondsToLastRead ?? attemptClock.Elapsed.TotalMilliseconds;
                    call.Text.Append(piece);
                    onText?.Invoke(piece!);
                }

                if (doneChunk is not null)
                {
                    call.Complete(doneChunk);
                    done = true;
                    break;
                }
            }

            if (!done)
            {
                if (callToken.IsCancellationRequested)
                {
                    call.Fail(userToken.IsCancellationRequested ? GenerationErrorKind.Cancelled : GenerationErrorKind.Timeout, null, null);
                }
                else if (OllamaWireHandler.ErrorText(handler.Body?.LastLine) is { } streamError)
                {
                    call.Fail(GenerationErrorKind.StreamError, streamError, null);
                }
                else
                {
                    call.Fail(GenerationErrorKind.IncompleteStream, null, null);
                }
            }

            return null;
        }
        catch (OllamaHttpException ex)
        {
            call.Result.StatusCode = ex.StatusCode;
            var kind = ex.StatusCode switch
            {
                400 => GenerationErrorKind.BadRequest,
                401 => GenerationErrorKind.Unauthorized,
                403 => GenerationErrorKind.Forbidden,
                404 => GenerationErrorKind.ModelNotFound,
                500 => GenerationErrorKind.ServerError,
                429 or 503 => GenerationErrorKind.Busy,
                _ => GenerationErrorKind.HttpError,
            };
            if (IsRetryableStatus(ex.StatusCode))
            {
                return (kind, ex.ServerText);
            }

            call.Fail(kind, ex.ServerText, null);
            return null;
        }
        catch (Exception ex) when (IsSocketError(ex, SocketError.ConnectionRefused) && call.Text.Length == textAtStart && handler.Body is null)
        {
            // Nothing listens: no retry brings a server up in the seconds a backoff waits, so fail at once.
            call.Fail(GenerationErrorKind.Unreachable, Reason(ex), null);
            return null;
        }
        catch (Exception ex) when (IsSocketError(ex, SocketError.TimedOut) && !callToken.IsCancellationRequested && call.Text.Length == textAtStart && handler.Body is null)
        {
            return (GenerationErrorKind.Unreachable, Reason(ex));
        }
        catch (Exception ex) when (handler.Body?.IdleTimedOut == true)
        {
            call.Fail(GenerationErrorKind.IdleTimeout, ex.Message, null);
            return null;
        }
        catch (Exception) when (callToken.IsCancellationRequested)
        {
            call.Fail(userToken.IsCancellationRequested ? GenerationErrorKind.Cancelled : GenerationErrorKind.Timeout, null, null);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException or System.Text.Json.JsonException)
        {
            if (handler.Body is null)
            {
                call.Fail(GenerationErrorKind.Unreachable, Reason(ex), null);
            }
            else if (OllamaWireHandler.ErrorText(handler.Body.LastLine) is { } streamError)
            {
                call.Fail(GenerationErrorKind.StreamError, streamError, null);
            }
            else
            {
                call.Fail(GenerationErrorKind.ConnectionLost, Reason(ex), null);
            }

            return null;
        }
        catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true)
        {
            // A newer OllamaSharp throws its own ResponseError for a mid-stream {"error"} line.
            call.Fail(GenerationErrorKind.StreamError, ex.Message, null);
            return null;
        }
    }

    /// <summary>The streaming path of <see cref="AttemptAsync"/> through <paramref name="transport"/> to the warm-up's
    /// canned server at <paramref name="address"/> (see <see cref="StreamWarmUp"/>).</summary>
    private static async Task WarmUpStreamAsync(HttpMessageHandler transport, Uri address, bool chat)
    {
        var options = new Dictionary<string, object> { ["num_ctx"] = 2048L };
        // Not disposed: a DelegatingHandler disposes its inner handler, which the warm-up disposes itself.
        // Two seconds at most (it takes milliseconds): a host that routes even loopback through a proxy, or stalls it,
        // delays the first call by no more than that.
        var handler = new OllamaWireHandler(transport, "warm-up", options, TimeSpan.FromSeconds(2), CancellationToken.None);
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        using var client = new OllamaApiClient(http);
        var request = new GenerationRequest { Model = "warm-up", Prompt = "warm-up", System = "warm-up", KeepAlive = "5m", UseChat = chat };
        await foreach (var _ in StreamAsync(client, request, CancellationToken.None).ConfigureAwait(false))
        {
        }

        _ = handler.WireMillisecondsToLastRead;
    }

    private static async IAsyncEnumerable<(string? Piece, DoneFigures? Done)> StreamAsync(
        OllamaApiClient client, GenerationRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keepAlive = NormalizeKeepAlive(request.KeepAlive);
        if (request.UseChat)
        {
            var messages = new List<Message>();
            if (!string.IsNullOrEmpty(request.System))
            {
                messages.Add(new Message(ChatRole.System, request.System!));
            }

            messages.Add(new Message(ChatRole.User, request.Prompt));
            var chat = new ChatRequest { Model = request.Model, Messages = messages, Stream = true, KeepAlive = keepAlive };
            await foreach (var chunk in client.ChatAsync(chat, cancellationToken).ConfigureAwait(false))
            {
                yield return (chunk?.Message?.Content, chunk is ChatDoneResponseStream done
                    ? new DoneFigures(done.TotalDuration, done.LoadDuration, done.PromptEvalDuration, done.EvalDuration, done.PromptEvalCount, done.EvalCount, done.DoneReason)
                    : null);
            }
        }
        else
        {
            var generate = new GenerateRequest { Model = request.Model, Prompt = request.Prompt, System = request.System, Stream = true, KeepAlive = keepAlive };
            await foreach (var chunk in client.GenerateAsync(generate, cancellationToken).ConfigureAwait(false))
            {
                yield return (chunk?.Response, chunk is GenerateDoneResponseStream done
                    ? new DoneFigures(done.TotalDuration, done.LoadDuration, done.PromptEvalDuration, done.EvalDuration, done.PromptEvalCount, done.EvalCount, done.DoneReason)
                    : null);
            }
        }
    }

    /// <summary>A bare number is seconds for Ollama only as a JSON number: as text it needs a unit.</summary>
    internal static string? NormalizeKeepAlive(string? keepAlive)
    {
        if (string.IsNullOrWhiteSpace(keepAlive))
        {
            return null;
        }

        var trimmed = keepAlive!.Trim();
        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds != 0
            ? trimmed + "s"
            : trimmed;
    }

    private static string? Validate(GenerationRequest request, out IReadOnlyDictionary<string, object>? options)
    {
        options = null;
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return OllamaMessages.NoModel;
        }

        if (request.Uri is null || !request.Uri.IsAbsoluteUri || (request.Uri.Scheme != "http" && request.Uri.Scheme != "https"))
        {
            return OllamaMessages.RelativeUri;
        }

        try
        {
            options = OllamaOptions.Normalize(request.Options ?? new Dictionary<string, object?>());
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private TimeSpan RetryDelay(int attempt, Random random)
    {
        var exponential = retryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var jittered = Math.Min(MaxRetryDelay.TotalMilliseconds, exponential) * (0.5 + random.NextDouble());
        return TimeSpan.FromMilliseconds(jittered);
    }

    private HttpClient CreateQueryClient(BackendQuery query)
    {
        var handler = new OllamaWireHandler(transport, query.ApiKey, null, Timeout.InfiniteTimeSpan, CancellationToken.None);
        return new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress(query.Uri), Timeout = query.Timeout };
    }

    /// <summary>OllamaSharp's paths are relative ("api/generate"): a base path must end with "/" to be kept.</summary>
    private static Uri BaseAddress(Uri uri) =>
        uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");

    private static bool IsQueryFault(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested &&
        ex is HttpRequestException or OllamaHttpException or IOException or TaskCanceledException or System.Text.Json.JsonException
            or NotSupportedException || ex.GetType().Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true;

    private static string DescribeQueryFault(Exception ex, BackendQuery query)
    {
        var address = OllamaEndpoint.Display(query.Uri);
        return ex switch
        {
            OllamaHttpException { StatusCode: 401 } http => Format(OllamaMessages.Unauthorized, address, http.ServerText),
            OllamaHttpException { StatusCode: 403 } => Format(OllamaMessages.Forbidden, address),
            OllamaHttpException http => Format(OllamaMessages.HttpError, address, http.StatusCode, http.ServerText),
            TaskCanceledException => Format(OllamaMessages.Unreachable, address,
                string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", query.Timeout.TotalSeconds), 1),
            _ => Format(OllamaMessages.Unreachable, address, Reason(ex), 1),
        };
    }

    /// <summary>Worth another attempt: busy (429, 503), another server error (5xx) or a gateway/request timeout (408, 504).
    /// Client errors (400, 401, 403, 404) would fail the same way again.</summary>
    private static bool IsRetryableStatus(int status) => status is 408 or 429 or >= 500 and < 600;

    private static bool IsSocketError(Exception ex, SocketError error)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket && socket.SocketErrorCode == error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost useful reason, without any header (so never the key).</summary>
    private static string Reason(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.TrimEnd('.');
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static OllamaModel ToModel(Model model) => new()
    {
        Name = model.Name,
        Size = model.Size,
        Family = model.Details?.Family,
        ParameterSize = model.Details?.ParameterSize,
        QuantizationLevel = model.Details?.QuantizationLevel,
        ModifiedAt = model.ModifiedAt == default ? null : model.ModifiedAt.ToUniversalTime(),
        Digest = model.Digest,
    };

    private static OllamaLoadedModel ToLoadedModel(RunningModel model)
    {
        var percent = GpuPlacement.OffloadPercent(model.Size, model.SizeVram);
        return new OllamaLoadedModel
        {
            Name = model.Name,
            Size = model.Size,
            SizeVram = model.SizeVram,
            GpuOffloadPercent = percent,
            Placement = GpuPlacement.Describe(percent),
            ContextLength = model.ContextLength > 0 ? model.ContextLength : null,
            ExpiresAt = model.ExpiresAt == default ? null : model.ExpiresAt.ToUniversalTime(),
        };
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(OllamaGateway));
        }
    }

    private sealed class DoneFigures
    {
        public DoneFigures(long total, long load, long promptEval, long eval, int promptCount, int evalCount, string? reason)
        {
            Total = total;
            Load = load;
            PromptEval = promptEval;
            Eval = eval;
            PromptCount = promptCount;
            EvalCount = evalCount;
            Reason = reason;
        }

        public long Total { get; }
        public long Load { get; }
        public long PromptEval { get; }
        public long Eval { get; }
        public int PromptCount { get; }
        public int EvalCount { get; }
        public string? Reason { get; }
    }

    /// <summary>The text and result of one call, across its attempts.</summary>
    private sealed class CallState
    {
        public CallState(GenerationRequest request, GenerationResult result)
        {
            Request = request;
            Result = result;
        }

        public GenerationRequest Request { get; }
        public GenerationResult Result { get; }
        public StringBuilder Text { get; } = new();

        public void Complete(DoneFigures done)
        {
            Result.Complete = true;
            Result.DoneReason = done.Reason;
            Result.TotalDurationMs = Milliseconds(done.Total);
            Result.LoadDurationMs = Milliseconds(done.Load);
            Result.PromptEvalDurationMs = Milliseconds(done.PromptEval);
            Result.EvalDurationMs = Milliseconds(done.Eval);
            Result.PromptTokens = done.PromptCount;
            Result.TokensGenerated = done.EvalCount;
            Result.TokensPerSecond = done.Eval > 0 ? done.EvalCount / (done.Eval / 1e9) : null;
        }

        public GenerationResult Fail(GenerationErrorKind kind, string? detail, Stopwatch? clock)
        {
            var address = OllamaEndpoint.Display(Request.Uri);
            var received = Text.Length;
            Result.Complete = false;
            Result.ErrorKind = kind;
            Result.ErrorMessage = kind switch
            {
                GenerationErrorKind.InvalidRequest => detail,
                GenerationErrorKind.ModelNotFound => Format(OllamaMessages.ModelNotFound, address, Request.Model, detail ?? ""),
                GenerationErrorKind.BadRequest => Format(OllamaMessages.BadRequest, address, Result.StatusCode ?? 400, detail ?? ""),
                GenerationErrorKind.ServerError => Format(OllamaMessages.ServerError, address, Result.StatusCode ?? 500, detail ?? ""),
                GenerationErrorKind.Busy => Format(OllamaMessages.Busy, address, Result.Attempts, detail ?? ""),
                GenerationErrorKind.Unauthorized => Format(OllamaMessages.Unauthorized, address, detail ?? ""),
                GenerationErrorKind.Forbidden => Format(OllamaMessages.Forbidden, address),
                GenerationErrorKind.Unreachable => Format(OllamaMessages.Unreachable, address, detail ?? "", Result.Attempts),
                GenerationErrorKind.StreamError => Format(OllamaMessages.StreamError, address, received, detail ?? ""),
                GenerationErrorKind.IncompleteStream => Format(OllamaMessages.IncompleteStream, address, received),
                GenerationErrorKind.ConnectionLost => Format(OllamaMessages.ConnectionLost, address, received, detail ?? ""),
                GenerationErrorKind.IdleTimeout => Format(OllamaMessages.IdleTimeout, address, Seconds(Request.IdleTimeout), received),
                GenerationErrorKind.Timeout => Format(OllamaMessages.Timeout, address, Seconds(Request.Timeout), received),
                GenerationErrorKind.Cancelled => Format(OllamaMessages.Cancelled, address, received),
                _ => Format(OllamaMessages.HttpError, address, Result.StatusCode ?? 0, detail ?? ""),
            };
            if (clock is not null)
            {
                Result.Text = Text.ToString();
                Result.ElapsedMs = clock.Elapsed.TotalMilliseconds;
            }

            return Result;
        }

        private static double? Milliseconds(long nanoseconds) => nanoseconds > 0 ? nanoseconds / 1e6 : null;

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
