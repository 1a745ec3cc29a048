using System.Globalization;
using OllamaTestServer;

// dotnet OllamaTestServer.dll --port 0 [options]: prints "Listening on http://127.0.0.1:PORT/" and
// serves until stdin closes (or the process is killed). Faults are chosen per request by the model
// name or the X-Test-Scenario header; GET /_test/log returns the request log as JSON.
var options = new ScenarioOptions();
var watchStdin = true;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": options.Port = (int)Number(); break;
        case "--version": options.Version = Next(); break;
        case "--token-rate": options.TokensPerSecond = Number(); break;
        case "--tokens": options.ResponseTokens = (int)Number(); break;
        case "--text": options.ResponseText = Next(); break;
        case "--prompt-delay-ms": options.PromptDelay = TimeSpan.FromMilliseconds(Number()); break;
        case "--cold-load-ms": options.ColdLoadDelay = TimeSpan.FromMilliseconds(Number()); break;
        case "--num-ctx": options.DefaultNumCtx = (int)Number(); break;
        case "--refuse-long-prompts": options.RefuseLongPrompts = true; break;
        case "--busy-first": options.BusyFirstRequests = (int)Number(); break;
        case "--stall-seconds": options.StallDuration = TimeSpan.FromSeconds(Number()); break;
        case "--chunks-before-fault": options.ChunksBeforeFault = (int)Number(); break;
        case "--require-key": options.RequiredBearerToken = Next(); break;
        case "--preload": options.Preload.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
        case "--no-stdin": watchStdin = false; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
            return 2;
    }
}

await using var server = new FakeOllama();
var uri = await server.StartAsync(options);
Console.Out.WriteLine($"Listening on {uri}");
Console.Out.Flush();

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
if (watchStdin)
{
    _ = Task.Run(async () =>
    {
        await Console.In.ReadToEndAsync();
        stop.TrySetResult();
    });
}

await stop.Task;
return 0;
