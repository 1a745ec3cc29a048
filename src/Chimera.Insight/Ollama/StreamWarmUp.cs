using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chimera.Insight.Ollama;

/// <summary>
/// Runs the client's streaming path once per process against canned answers from a server of its own on a loopback
/// port: the request built, rewritten and sent through the same HTTP stack as a real call, the chunked answer read
/// through the watchdog and parsed by OllamaSharp, for generate and chat. The first real call then spends its time to
/// first token on the wire rather than in compiling and setting up the client's code (connections, request writing,
/// chunked reading, parsing), which a scheduled task, one call per process, would otherwise count in its TTFT.
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
    /// streaming path, given a transport like the real one and the canned server's address.</summary>
    public static async Task RunOnceAsync(Func<HttpMessageHandler, Uri, bool, Task> stream, Func<HttpMessageHandler> transport)
    {
        if (Interlocked.Exchange(ref done, 1) != 0)
        {
            return;
        }

        try
        {
            await using var server = CannedServer.Start();
            using var handler = transport();
            await stream(handler, server.Address, false).ConfigureAwait(false);
            await stream(handler, server.Address, true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidOperationException
            or System.Text.Json.JsonException or OperationCanceledException)
        {
            // Only the first call's timing depends on it (a host that forbids loopback sockets goes without).
        }
    }

    /// <summary>An HTTP/1.1 server on a loopback port answering every request with a canned NDJSON stream, chunked as
    /// Ollama sends it, on one kept-alive connection after another, until disposed.</summary>
    private sealed class CannedServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;

        private CannedServer()
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Address = new Uri(string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/", ((IPEndPoint)listener.LocalEndpoint).Port));
            serving = ServeAsync();
        }

        public Uri Address { get; }

        public static CannedServer Start() => new();

        public async ValueTask DisposeAsync()
        {
            stop.Cancel();
            listener.Stop();
            try
            {
                await serving.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Stopped while accepting or serving: nothing was owed to anyone.
            }

            stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
                using var connection = client.GetStream();
                var request = new RequestReader(connection);
                while (await request.ReadPathAsync(stop.Token).ConfigureAwait(false) is { } path)
                {
                    var answer = path.EndsWith("api/chat", StringComparison.Ordinal) ? ChatAnswer : GenerateAnswer;
                    await WriteChunkedAsync(connection, answer, stop.Token).ConfigureAwait(false);
                }
            }
        }

        private static async Task WriteChunkedAsync(Stream connection, string answer, CancellationToken cancellationToken)
        {
            var text = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
            foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var chunk = line + "\n";
                text.Append(Encoding.UTF8.GetByteCount(chunk).ToString("x", CultureInfo.InvariantCulture)).Append("\r\n").Append(chunk).Append("\r\n");
            }

            text.Append("0\r\n\r\n");
            await connection.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads requests off one connection: the request line's path, the headers, and the body its
    /// Content-Length announces (which is skipped).</summary>
    private sealed class RequestReader(Stream connection)
    {
        private readonly byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;

        /// <summary>The next request's path, or null when the client closed the connection.</summary>
        public async Task<string?> ReadPathAsync(CancellationToken cancellationToken)
        {
            int headEnd;
            while ((headEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }

            var head = Encoding.ASCII.GetString(buffer, start, headEnd);
            start += headEnd + 4;
            var lines = head.Split("\r\n");
            var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
            var length = 0;
            foreach (var line in lines)
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            while (end - start < length)
            {
                length -= end - start;
                start = end;
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }

            start += length;
            return path;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                throw new InvalidOperationException("A warm-up request's headers do not fit the buffer.");
            }

            var read = await connection.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            end += read;
            return read > 0;
        }
    }
}
