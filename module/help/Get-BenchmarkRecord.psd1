@{
    Synopsis    = 'Reads benchmark artifacts (CSV, JSON/JSONL, Markdown) into one BenchmarkRecord per run.'
    Description = @'
Get-BenchmarkRecord reads each file it is given and emits every run the file holds (a CSV row, a JSON request or result, a Markdown section or table row) as a Chimera.Insight.BenchmarkRecord: the conditions it ran under (Model, Backend, Configuration, Settings, Quantization, Prompt, Producer, Concurrency, Test, Run, Timestamp), its Phase (Warm or Cold), whether it Failed and why (Error), RequestCount and FailedRequestCount for a summary a producer wrote, the Source file and the Location in it, its Id, and its Figures: each figure's Metric, Value, Unit and Statistic (and its own Location when it is not the record's).

A record is what the measuring cmdlets count: the samples Get-BenchmarkSample emits are its figures one at a time, each carrying the record's properties and its Id as Record. Failures count once per record here, where the samples give a failed run once per metric. A record does not change once read: every property is read-only.

Files are taken and read exactly as Get-BenchmarkSample takes and reads them (see Get-Help Get-BenchmarkSample for the readers, the units and the errors): from the pipeline by property name (FullName and Kind of BenchmarkFile objects, PSPath of Get-ChildItem), or from -Path (wildcards) and -LiteralPath; each problem in a file is a non-terminating InvalidBenchmarkData error naming the file, the row, line or position and the reason, and the rest of the file and the other files are still read.

Records piped into Measure-BenchmarkMetrics, Compare-BenchmarkMetrics, New-InsightReport or Test-InsightGrounding are counted as they are, as the samples of the same files would be: fingerprinted, the same content from two sources counted once, failures counted and never averaged. Records that come back from Start-Job, Invoke-Command or Import-Clixml (property bags) are folded back into records there, as samples are. Only files given to Measure-BenchmarkMetrics themselves (paths, or Get-BenchmarkInventory's output) are also matched with their twins (a Markdown report with the data file it renders, a file without a model with the run that names it).
'@
    Parameters  = @{
        Path        = 'Files to read. Wildcards are expanded. Strings piped to the command bind here.'
        LiteralPath = 'Files to read, taken exactly as written (no wildcards). Binds by property name from FullName (BenchmarkFile objects, live or deserialized, and any object with a FullName) and PSPath (Get-ChildItem).'
        Kind        = 'The artifact kind: Csv, Json or Markdown. Binds by property name from the Kind of BenchmarkFile objects. Without it, the kind comes from the extension; piped files of other kinds are skipped (see -Verbose), named ones give an UnknownArtifactKind error.'
        Metric      = 'Emit only the records holding a figure whose metric name matches one of these wildcard patterns, for example TtftMs or *Ms. Each record is emitted whole, with all its figures.'
        MaxFileSize = 'Files larger than this many bytes are not read; each gives an InvalidBenchmarkData error. Default 16 MB.'
    }
    Inputs      = @(
        'System.String (paths)'
        'Chimera.Insight.BenchmarkFile (FullName, Kind), also Deserialized.Chimera.Insight.BenchmarkFile'
        'System.IO.FileInfo (PSPath)'
    )
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Get-BenchmarkRecord | Where-Object Failed | Format-Table Source, Location, Model, Error'
            Remarks = 'Every failed run, once each, with the file, the row or path where it stands and the reason it failed.'
        }
        @{
            Code    = 'Get-BenchmarkRecord ./runs/*.csv -Metric TtftMs | Group-Object Model, Configuration | Select-Object Count, Name'
            Remarks = 'How many runs with a TTFT each model and configuration has.'
        }
        @{
            Code    = 'Get-BenchmarkRecord ./samples/ollama/*.jsonl | Measure-BenchmarkMetrics -GroupBy Model'
            Remarks = 'Records piped on are measured as their samples would be: the same metrics, per model.'
        }
        @{
            Code    = '$records = Get-BenchmarkRecord ./runs/*.csv; $records[0].Figures | Format-Table Metric, Value, Unit, Statistic'
            Remarks = 'The figures of one run, side by side.'
        }
    )
    Notes       = @'
Paths are checked by the walker Get-BenchmarkInventory uses: a FIFO, a device or a socket named like an artifact is passed over with a NotARegularFile error, never opened (opening a FIFO would wait for a writer).

Figures: every figure of a failed record is given, with Value = NaN (also those the file leaves out for it but reports for its successful siblings), so a failure never vanishes and never counts as a figure; a record that did not fail gives only the figures the file holds a value for.

Id: a hash of the model, backend, quantization, configuration and canonical figures (4 significant digits, in canonical units), or the error of a failed run; a repeat inside the same file gets "#2", "#3", ... The same run exported as CSV and as JSON gets the same Id. Its samples carry it as Record.

Settings: every run setting of the record, min_p too ($record.Settings['min_p']); Configuration is their canonical text.
'@
    Links       = @('Get-BenchmarkSample', 'Get-BenchmarkInventory', 'Measure-BenchmarkMetrics')
}
