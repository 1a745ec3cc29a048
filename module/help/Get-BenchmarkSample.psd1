@{
    Synopsis    = 'Reads benchmark artifacts (CSV, JSON/JSONL, Markdown) into one BenchmarkSample per value.'
    Description = @'
Get-BenchmarkSample reads each file it is given and emits every figure the file holds as a Chimera.Insight.BenchmarkSample: the canonical metric name and unit, the value, the statistic the file stated (Sample for a raw measurement; Mean, StdDev, Min, Max, P50, P95, ... for a figure the file already summarised), the model, backend, configuration (canonical text such as "num_gpu=80, num_ctx=512, temperature=1"; Settings holds every run setting, min_p too, as $sample.Settings['min_p'], and NumGpu, NumCtx, Temperature, TopP, TopK, RepeatPenalty are its parts), quantization, prompt, phase (Warm or Cold), whether the run failed, the source file and the row, line or JSON path, the timestamp and a Record id shared by all values of one record.

Files come from the pipeline by property name (FullName and Kind of the BenchmarkFile objects of Get-BenchmarkInventory, also after Start-Job, Invoke-Command or Import-Clixml; PSPath of Get-ChildItem), or from -Path (wildcards) and -LiteralPath. The kind is taken from the extension (.csv, .tsv, .json, .jsonl, .ndjson, .md, .markdown) unless -Kind says otherwise.

CSV: the header decides. Units in column names are converted: ttft_s becomes TtftMs x1000, tokens_s is TokensPerSecond (tokens per second, not seconds), *_ms stays, *_ns x1e-6; a time column without a unit (prompt_eval) takes the unit all its sibling time columns state, or keeps its own name. Dimension columns (model, num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty, min_p, tag/quantization, backend, prompt, prompt_text, prompt_index, timestamp) describe the row; an options column holding JSON is read too. The separator (comma, semicolon, tab, pipe) is detected; semicolon files read decimal commas.

JSON and JSON Lines: every object holding numbers is a record; dimensions of enclosing objects carry down (results[] under a top-level model; options/config objects). Named groups of summarised figures (mean_time_ms, std_time_ms, min_time_ms, max_time_ms per backend or kernel) become Mean/StdDev/Min/Max samples of LatencyMs; when no backend field names the group, its path does (fusion/fused_linear_gelu). Raw Ollama responses carry nanoseconds (total_duration, load_duration, prompt_eval_duration, eval_duration) and give TokensPerSecond = eval_count / eval_duration x 1e9. Agent metrics files: aggregate_metrics figures are Mean, individual_runs and llm_calls entries are samples. System telemetry: cpu_percent, memory_percent, GPU utilization_gpu, memory_used_mb, power_draw. An exported InsightReport (an object with AgentType and Provider) gives TtftMs, TokensPerSecond, LoadMs, PromptEvalMs, EvalMs, TotalMs, PromptTokens and OutputTokens under its Model and Configuration.

Markdown: "- Name: value unit" list items (as in a report's "## Metrics" section) and pipe tables with a header row. Numbers in prose are never metrics; fenced code is skipped.

Configuration is also read from file and folder names (gpu80_ctx512_temp1, g60_c2048_t0.8, chimera_homo_gpu80_ctx512) when the content does not state it. Numeric fields with no canonical name are kept under their own name, never dropped.

Canonical names: TtftMs (ms) from ttft_s, ttft_ms, average_ttft_ms, "TTFT: 589.98 ms". TokensPerSecond (tok/s) from tokens_s, tokens_per_second, throughput_tokens_per_sec, "Throughput: 108.05 tok/s", Ollama eval_count/eval_duration. LoadMs from load_s, load_duration_ms, load_duration (ns). PromptEvalMs from prompt_eval_s, prompt_eval_duration_ms. EvalMs from eval_s, eval_duration_ms. TotalMs from total_duration_ms, generation_time_ms, end-to-end latency. PromptTokens from prompt_eval_count, prompt_tokens. OutputTokens from eval_count, tokens_generated, tokens. LatencyMs from mean_time_ms and kin, p50_ms, mean_ms, "Mean (ms)". CompileMs from compile_time_s. GpuUtilizationPercent, GpuMemoryMb, CpuPercent, MemoryPercent, PowerWatts from system telemetry.
'@
    Parameters  = @{
        Path        = 'Files to read. Wildcards are expanded. Strings piped to the command bind here.'
        LiteralPath = 'Files to read, taken exactly as written (no wildcards). Binds by property name from FullName (BenchmarkFile objects, live or deserialized, and any object with a FullName) and PSPath (Get-ChildItem).'
        Kind        = 'The artifact kind: Csv, Json or Markdown. Binds by property name from the Kind of BenchmarkFile objects. Without it, the kind comes from the extension; piped files of other kinds are skipped (see -Verbose), named ones give an UnknownArtifactKind error.'
        Metric      = 'Emit only the samples whose metric name matches one of these wildcard patterns, for example TtftMs or *Ms.'
        MaxFileSize = 'Files larger than this many bytes are not read; each gives an InvalidBenchmarkData error. Default 16 MB: a file''s values are held in memory while it is read (about 50 bytes per byte of a JSON file), so the limit keeps memory bounded whatever a folder holds.'
    }
    Inputs      = @(
        'System.String (paths)'
        'Chimera.Insight.BenchmarkFile (FullName, Kind), also Deserialized.Chimera.Insight.BenchmarkFile'
        'System.IO.FileInfo (PSPath)'
    )
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Get-BenchmarkSample -Metric TtftMs, TokensPerSecond'
            Remarks = 'Reads every artifact the inventory found and emits the TTFT and throughput samples.'
        }
        @{
            Code    = 'Get-ChildItem ./samples -Recurse -File | Get-BenchmarkSample | Where-Object Phase -eq Cold'
            Remarks = 'The cold starts: the requests that carried a model (re)load.'
        }
        @{
            Code    = 'Get-BenchmarkSample ./runs/*.csv -ErrorVariable problems | Measure-Object -Property Value -Average; $problems | ForEach-Object { $_.Exception.Message }'
            Remarks = 'Reads the good rows and lists every problem afterwards: each names the file, the row or line and the reason.'
        }
        @{
            Code    = 'Get-BenchmarkSample ./ollama/generate.log -Kind Json'
            Remarks = 'Reads a file whose extension does not say what it is (here Ollama responses, one JSON object per line).'
        }
    )
    Notes       = @'
Paths are checked by the walker Get-BenchmarkInventory uses: a FIFO, a device or a socket named like an artifact is passed over with a NotARegularFile error, never opened (opening a FIFO would wait for a writer).

Failed runs: a row or object with a non-empty error, a status other than ok/success/done, or success = false is a failed run. Every metric of it is still emitted, with Failed = $true, Error = the reason and Value = NaN (also metrics the file leaves out for it but reports for its successful siblings), so a failure never vanishes and never counts as a figure.

Cold starts: records are grouped by file, model, backend and quantization. A record is Cold when its load time (LoadMs) is above max(3 x the group's median load time, median + 500 ms). In a group without any load time, the first record of each configuration is Cold when its TTFT is above max(3 x the group's median TTFT, median + 500 ms). A group needs at least 3 records; failed records are never Cold.

Numbers are read culture-invariant, whatever the session culture. A comma is accepted only as strict thousands grouping (1,234.5) in dot-decimal files; in semicolon files a comma is the decimal separator and a lone dot followed by exactly three digits (1.234) is refused as ambiguous. Empty, N/A, NaN and Infinity in a numeric CSV or JSON field, negative times, counts or rates, and times over a day are refused with an error naming the file, the row and the column; the rest of the row and file still count. In Markdown tables, empty cells, "-" and N/A mean "no value".

Problems never stop the command: malformed CSV rows (wrong field count, broken quotes), invalid or truncated JSON, JSON nested deeper than 256 levels, a broken line in a JSON Lines file, invalid UTF-8, NUL bytes, empty files and files over -MaxFileSize each become a non-terminating error (ErrorId InvalidBenchmarkData, category InvalidData, target the file path) and the rest goes on. UTF-8 with or without BOM and UTF-16 with BOM are read.

Record: values of one row or object share a Record id derived from the model, configuration and canonical figures (4 significant digits, canonical units), so the same run exported as CSV and as JSON gets the same id.
'@
    Links       = @('Get-BenchmarkRecord', 'Get-BenchmarkInventory', 'Measure-BenchmarkMetrics')
}
