@{
    Synopsis    = 'Has a local Ollama model write the insight report from benchmark facts, and returns it with the call''s and the workflow''s timings.'
    Description = @'
New-InsightReport takes metrics from Measure-BenchmarkMetrics (or files and samples, which it measures itself: nothing is computed twice) and draws the deterministic findings. It builds a compact fact sheet from them (figures, findings, a data summary; never raw file contents, so a hostile file cannot steer the model), fits it into the model's context (num_ctx) by priority, and makes one streaming call to Ollama with the persona as system prompt.

The report carries the narrative (Text), the whole document in the familiar layout (Markdown: title block, narrative, Workflow Summary, Metrics, Key Findings, Recommendations, Persona Prompt), the call's own timings (TtftMs measured on the client from sending the request to the first chunk with text; LoadDurationMs, PromptEvalDurationMs, EvalDurationMs, TotalDurationMs from Ollama's done chunk; TokensPerSecond = eval_count / eval_duration), the workflow's (IngestSeconds, AnalysisSeconds, ReportSeconds, TotalSeconds), the model's GPU placement after the call (GpuOffloadPercent, ContextLength) and Grounding: every figure of the narrative checked against the data. Unsupported figures are listed in the document.

Budget: when num_ctx cannot hold the prompt and the answer the persona asks for, the fact sheet is packed by priority and a warning gives the numbers and the num_ctx that would hold it. The prompt sent never exceeds the context. After the call, PromptFitsContext is False (with a warning) when Ollama's prompt_eval_count shows the prompt was cut.

Offline: with -Offline, or when Ollama cannot be reached, a deterministic writer produces the narrative from the findings (Provider = Offline) and a warning names the address tried. -RequireLlm makes an unreachable Ollama an error instead, for scheduled tasks that must alert.

Faults: 503 busy and refused connections are retried with backoff and jitter before any text arrived, never after. A model that is not installed, a 400/500 with the server's own text, a stream that breaks or ends without its done chunk, a silence longer than -IdleTimeoutSec and Ctrl+C each end the call: the report is still returned, with Complete = False and the text received so far, and an error record follows, so -ErrorAction Stop and $? work in scripts.

Settings come from the parameters, then the -Profile, then the configuration file (chimera-insight.yaml in the current folder, -ConfigurationPath or $env:CHIMERA_INSIGHT_CONFIG), then the environment ($env:OLLAMA_HOST, $env:OLLAMA_API_KEY), then defaults. See Get-InsightConfiguration.

Several runs and profiles: -Runs N writes N reports (property Run); with several -Profile names each profile gets its reports; with -Concurrent the profiles of a run are written at the same time and a ConcurrencySummary follows (wall time, sequential estimate, speedup, efficiency, whether the calls contended for the server). Reports can be piped to Measure-BenchmarkMetrics and Compare-BenchmarkMetrics, where their timings count as samples.
'@
    Parameters  = @{
        InputObject     = 'Metrics (Measure-BenchmarkMetrics), samples (Get-BenchmarkSample) or files (Get-BenchmarkInventory, paths), live or deserialized. Files and samples are measured here with the default grouping.'
        Model           = 'The Ollama model that writes the narrative. Default: the configuration''s, else gemma3:latest. Tab completion lists the installed models.'
        OllamaUri       = 'The Ollama server, e.g. http://lab01:11434 or lab01:11434. Default: the configuration''s, else $env:OLLAMA_HOST, else http://localhost:11434. Sending data to a non-loopback http:// address gives a warning.'
        NumGpu          = 'Ollama option num_gpu: layers offloaded to the GPU.'
        NumCtx          = 'Ollama option num_ctx: the context window. The fact sheet is packed to fit it.'
        Temperature     = 'Ollama option temperature.'
        TopP            = 'Ollama option top_p.'
        TopK            = 'Ollama option top_k.'
        RepeatPenalty   = 'Ollama option repeat_penalty.'
        Seed            = 'Ollama option seed, for repeatable answers.'
        NumPredict      = 'Ollama option num_predict: the most tokens the model may generate.'
        KeepAlive       = 'How long Ollama keeps the model loaded after the call: a duration such as 5m or 1h, or 0 to unload.'
        Options         = 'Any Ollama options as a hashtable (snake_case names as Ollama spells them), e.g. @{ num_batch = 512 }. The named option parameters override it.'
        Profile         = 'One or more profile names from the configuration file (built in: baseline, chimera). Each profile''s settings add to and override the file''s.'
        ConfigurationPath = 'The YAML configuration file. Default: $env:CHIMERA_INSIGHT_CONFIG, else chimera-insight.yaml in the current folder when it exists.'
        TimeoutSec      = 'The longest the whole call may take, in seconds (default 600).'
        IdleTimeoutSec  = 'The longest silence between two chunks of the answer, in seconds (default 60): a stalled stream fails this soon.'
        MaxRetries      = 'How often a busy (503) or refused call is retried before any text arrived (default 3).'
        Persona         = 'The system prompt. Default: the configuration''s, else the InsightAgent persona.'
        ApiKey          = 'A key for a proxy in front of Ollama, sent as Authorization: Bearer. Default: $env:OLLAMA_API_KEY. It never appears in output, messages or exports.'
        Runs            = 'How many reports to write (each stands alone; property Run = 1..N).'
        Concurrent      = 'With several -Profile names: write the profiles'' reports of each run at the same time, then emit a ConcurrencySummary.'
        Stream          = 'Write the narrative to the host as it arrives.'
        Offline         = 'Do not ask Ollama: write the narrative with the deterministic offline writer.'
        RequireLlm      = 'Fail (an error record) instead of writing offline when Ollama cannot be reached.'
        StrictGrounding = 'When the narrative states figures the data does not support, ask the model once more with the list of them; if they remain, write an error.'
        AgentType       = 'The agent type named in the title block (default: Chimera Insight).'
    }
    Inputs      = @('Chimera.Insight.BenchmarkMetric', 'Chimera.Insight.BenchmarkSample', 'Chimera.Insight.BenchmarkFile')
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics | New-InsightReport'
            Remarks = 'The main pipeline: the report is written by gemma3:latest on the local Ollama, or offline when Ollama is not there.'
        }
        @{
            Code    = '$m = Measure-BenchmarkMetrics -Path ./reports; $r = $m | New-InsightReport -Model llama3.2:3b -NumCtx 8192 -Stream; $r.Grounding.Ungrounded'
            Remarks = 'Streams the narrative to the console, then lists the figures in it that the data does not support.'
        }
        @{
            Code    = '$b = $m | New-InsightReport -Profile baseline -Runs 5; $c = $m | New-InsightReport -Profile chimera -Runs 5; Compare-BenchmarkMetrics $b $c'
            Remarks = 'Is the Chimera profile better than the baseline? Five reports each, compared on TTFT and throughput with a significance test.'
        }
        @{
            Code    = '$m | New-InsightReport -Profile baseline, chimera -Concurrent'
            Remarks = 'Both profiles at the same time: two reports, then a ConcurrencySummary with wall time, speedup and whether they contended.'
        }
        @{
            Code    = '$m | New-InsightReport -RequireLlm -ErrorAction Stop | Export-InsightReport -Path ./nightly.html'
            Remarks = 'For a scheduled task: fails (exit code 1 from pwsh -File) when Ollama cannot be reached instead of writing offline.'
        }
    )
    Notes       = 'TTFT is measured on the client because Ollama reports none. load_duration includes the scheduler''s wait and any (re)load: a changed num_ctx reloads the model.'
    Links       = @('Measure-BenchmarkMetrics', 'Export-InsightReport', 'Test-InsightGrounding', 'Get-InsightBackend', 'Get-InsightConfiguration')
}
