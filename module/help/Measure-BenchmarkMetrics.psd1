@{
    Synopsis    = 'Computes statistics per metric and group (model, configuration, backend, phase, ...) from benchmark files, samples, metrics or reports, and the findings they support.'
    Description = @'
Measure-BenchmarkMetrics takes what Get-BenchmarkInventory emits (BenchmarkFile objects, or any object with FullName and Kind), BenchmarkSample objects from Get-BenchmarkSample, BenchmarkMetric objects measured earlier, InsightReport objects from New-InsightReport (their LLM timings count as samples of TtftMs, TokensPerSecond, TotalMs, LoadMs, PromptEvalMs, EvalMs, PromptTokens and OutputTokens under their Model and Configuration; a report whose call loaded the model for 500 ms or more counts as Cold, an incomplete one as a failed run), paths and FileInfo objects. Objects that came back from Start-Job, Invoke-Command or Import-Clixml are measured exactly as live ones.

Files are read by the cmdlet itself, several at a time on worker threads (-ThrottleLimit), and aggregated there without a pipeline object per value; errors and warnings are written on the pipeline thread, in the order the files came.

For every metric and group it emits one BenchmarkMetric with Count, FailedCount, Mean, StdDev (sample standard deviation, n - 1), Min, P50, P90, P95, P99, Max, CV (coefficient of variation, percent) and, with -Percentile, further percentiles in Percentiles. Percentiles use linear interpolation between the closest ranks: Hyndman and Fan type 7, numpy's default ("linear") and MathNet.Numerics' QuantileDefinition.R7. Measured metrics keep their raw values in Values so that Compare-BenchmarkMetrics can test significance.

Failed runs (Failed = true) are counted in FailedCount, once per record, and never contribute a value; a group whose every run failed still appears, with Count 0. TopError holds the most frequent error text, FailedSources the files with failures, SourceCounts and SourceFailedCounts the values and failures of each of Sources. No NaN, infinite value or negative time, throughput or count ever reaches a statistic: each is written as an InvalidBenchmarkData error naming the file, the location and the reason, as is every problem the readers report. A file that cannot be read at all gives a BenchmarkFileReadFailed error; the rest carries on.

Cold starts are kept apart: Phase is in the default grouping, so cold and warm values are separate groups. When -GroupBy leaves Phase out, the values are pooled as asked, a warning says how many groups mix cold and warm values, and ColdCount tells how many values of each group are cold.

Figures a file states already summarised (Statistic Mean, StdDev, Min, Max, P50, ...) become metrics with Origin Reported and that Statistic, never pooled with raw samples; their Mean holds the figure (the mean of the figures when a group has several).

The same measurements are counted once: a byte-identical copy (same ContentHash, from Get-BenchmarkInventory) is a Duplicate; a file holding the same records with the same values as an earlier one (a CSV and a JSON export of one run, compared on each record's dimensions and values, raw samples and reported figures apart) is Redundant. Either is left out, a warning names both files, and the metrics it would have fed list the pair in DuplicateSources or RedundantSources ("counted = left out").

Every metric carries Inventory: the summary of the files that fed the run, from the inventory summarizer when files or paths were given; when only samples, metrics or reports were given it is built from their distinct sources (count, bytes and latest modification per kind where the files exist on this machine; no duplicate groups or families).

With -Findings the cmdlet emits Finding objects instead of the metrics: best and worst configuration by warm throughput per model; the cold-start penalty (cold TTFT mean against the warm median) and the reloads that configuration changes caused; the failure rate of each source with its dominant error (at most five sources per model, those with the highest rates; a model with more gets one finding over all its files first: failed and total runs, the rate, and how many of its files had failures); high variance (CV above 20 percent, at least 3 values); duplicate and redundant files; stale data (newest data older than -StaleAfterDays, or a model whose latest data is 30 days older than the newest); metrics missing for some configurations of a model. Each finding carries the figures it rests on. To get both, measure once and pipe the metrics back: $m | Measure-BenchmarkMetrics -Findings.

With -Partial the cmdlet measures where the files are and emits partial results to be merged elsewhere (PowerShell remoting, Start-Job, ForEach-Object -Parallel, Export-Clixml): first one BenchmarkPartialRun (RunId, ComputerName, SourceCount, PartCount, the inventory summary once, and SourceTable: every source counted with its content hash and record fingerprints), then one BenchmarkMetricPart per group with its group keys, Count, FailedCount, Mean, Encoding and Payload. The payload (Deflate-compressed, base64 in one string) holds the cold count, the sum of squared deviations, Min, Max, the latest time, the configuration parts, the error texts with their counts, the repeats left out, and per source its value, cold and failed counts and its values. The values are lossless: each is stored as the decimal integer that gives back exactly the same double (a file's 1.8234 s is 1.8234 * 1000 ms; any other value as its 8 bytes), sorted and delta-coded within each source: under 2 characters a value on the benchmark's synthetic corpus. A group of more than 65,536 values ships a DDSketch (Masson, Rim and Lee, VLDB 2019) of relative accuracy 0.005 instead (Encoding Sketch): merged percentiles are then within 0.5 percent relative of the exact type-7 percentile, the metric's QuantileRelativeError says 0.005 and its Values hold the sketch's representative values (Mann-Whitney p-values from them are approximate); counts, mean and standard deviation stay exact (Chan et al.'s pairwise merge of the moments). The inventory summary travels once per run, never per part.

Partial results piped into Measure-BenchmarkMetrics (or Compare-BenchmarkMetrics, New-InsightReport, Test-InsightGrounding) merge group by group into what one run over all the files gives: counts and failed counts exact, percentiles and Mann-Whitney tests exactly those of the values when values were shipped, means identical. Sources are named "computer:path" (the PSComputerName remoting and jobs add; a path alone for this machine and localhost); a source whose content hash or records were already counted from another server is left out and named in a warning, as copies are on one machine (a sketched group cannot give a copy's values back: a warning says so). Each merged metric lists the computers that fed it in ComputerNames, and its inventory summary (the servers' summaries combined) in ComputerNames the computers that sent results. With -ExpectedComputerName, each computer named there that sent nothing gets a PartialResultsMissing error, the merge goes on, and the inventory lists it in MissingComputerNames, which New-InsightReport's data summary states. Merge with the same -GroupBy as the parts were measured with, or fewer keys (a warning says when a key is missing).
'@
    Parameters  = @{
        InputObject    = 'Benchmark files (BenchmarkFile, or objects with FullName and Kind), samples, metrics, InsightReport objects, FileInfo objects or path strings. Accepts pipeline input, including deserialized objects from jobs and remoting.'
        Path           = 'Paths of benchmark files or folders; wildcards are allowed. A folder is searched recursively for .csv, .json, .jsonl and .md files. Get-BenchmarkInventory also finds duplicates by content and file families, which plain paths do not.'
        LiteralPath    = 'Paths of benchmark files or folders, used exactly as written (no wildcards).'
        GroupBy        = 'The keys metrics are grouped by, besides the metric itself: any of Model, Configuration, Backend, Phase, Source, Prompt, Producer. Default: Model, Configuration, Backend, Phase, Producer (the tool that wrote the files: figures of unlike definitions are never pooled). Leaving out Phase pools cold and warm values, with a warning.'
        Metric         = 'Only the metrics whose names match one of these wildcard patterns (TtftMs, *Ms, Tokens*), case-insensitive.'
        Percentile     = 'Percentiles (0 to 100) to compute beyond P50, P90, P95 and P99; they are listed in the Percentiles property.'
        Findings       = 'Emit the deterministic findings (Finding objects) instead of the metrics.'
        StaleAfterDays = 'With -Findings: the newest data older than this many days is reported as stale. Default 30.'
        MaxFileSize = 'Files larger than this many bytes are not read: each gives an InvalidBenchmarkData error naming it and the limit. Default 16 MB, which keeps memory bounded (a file''s values are held while it is read).'
        ThrottleLimit  = 'How many files are read at the same time. Default: the number of processors.'
        Partial        = 'Emit partial results (one BenchmarkPartialRun, then a BenchmarkMetricPart per group) to be merged elsewhere by piping them into Measure-BenchmarkMetrics, instead of metrics. For measuring on each of many servers with Invoke-Command.'
        ExpectedComputerName = 'When merging partial results: the computers they are expected from. Each that sent none is named in a PartialResultsMissing error (the merge goes on) and in the inventory''s MissingComputerNames.'
    }
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics | Format-Table'
            Remarks = 'Measures every benchmark artifact under ./reports, grouped by model, configuration, backend and phase.'
        }
        @{
            Code    = 'Measure-BenchmarkMetrics -Path ./reports/*.csv -Metric TtftMs, TokensPerSecond -GroupBy Model, Phase -Percentile 99.9'
            Remarks = 'TTFT and throughput per model, cold and warm apart, with P99.9 in the Percentiles property.'
        }
        @{
            Code    = '$metrics = Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics; $metrics | Measure-BenchmarkMetrics -Findings'
            Remarks = 'Measures once, then draws the findings from the metrics (the same grouping is kept).'
        }
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics -ErrorVariable bad -ErrorAction SilentlyContinue; $bad | ForEach-Object TargetObject'
            Remarks = 'Measures what can be measured and lists the files that held invalid data.'
        }
        @{
            Code    = '$parts = Measure-BenchmarkMetrics -Path ./reports/lab01 -Partial; $parts += Measure-BenchmarkMetrics -Path ./reports/lab02 -Partial; $parts | Measure-BenchmarkMetrics'
            Remarks = 'Measures two folders apart and merges the partial results: the same metrics as one run over both folders.'
        }
        @{
            Code    = '$servers = ''lab01'', ''lab02'', ''lab03''; Invoke-Command -ComputerName $servers -ThrottleLimit 32 { Measure-BenchmarkMetrics -Path D:\reports -Partial } | Measure-BenchmarkMetrics -ExpectedComputerName $servers'
            Remarks = 'Measures on each server where the files are and merges centrally; a server that is unreachable or lacks the module is named in Invoke-Command''s error and in a PartialResultsMissing error, and the others are merged.'
        }
    )
    Inputs      = 'Chimera.Insight.BenchmarkMetricPart, Chimera.Insight.BenchmarkPartialRun, Chimera.Insight.BenchmarkFile, Chimera.Insight.BenchmarkSample, Chimera.Insight.BenchmarkMetric, Chimera.Insight.InsightReport (live or deserialized), System.IO.FileInfo, System.String'
    Notes       = 'Quantiles: linear interpolation between closest ranks (Hyndman-Fan type 7, numpy default). StdDev is the sample standard deviation (n - 1); CV = StdDev / |Mean| * 100. Reported metrics measured again (piped back in) count their figure once per value they summarised.'
    Links       = @('Compare-BenchmarkMetrics', 'Get-BenchmarkInventory', 'Get-BenchmarkSample', 'New-InsightReport')
}
