@{
    Synopsis    = 'Tells which figures in a text the benchmark data supports.'
    Description = @'
Test-InsightGrounding reads each figure of a text (a number that makes a claim) as a claim and checks it against facts: the metric groups (their statistics, and the pooled statistics of several groups), the findings' figures, the inventory's counts and shares, a report's own LLM call timings and configuration, raw samples and comparisons.

The claim is read around the figure, in prose, list items and Markdown tables (where the header row and the first column say what a cell is): its Subject (the models, configuration settings such as num_ctx=2048, backend, phase Cold or Warm, or file named in its sentence, row or column header, else in its paragraph, list lead-in or heading), its Metric (TTFT, throughput, load time, file count, or the data's own metric names), its Statistic (mean, median, p95, std, min, max, CV, count), its unit, and its Relation (Value; Difference, Ratio or PercentChange between two named subjects or two statistics; Count; Share; Bound such as "over 100 tok/s").

A figure is grounded only by a fact of the same shape: a claim that names a subject by that subject's groups (one group, or the pool of the groups it names: a model over all its configurations, cold and warm together), a claim that names none by the pool of its metric's groups or, for a metric with few groups, one of them; relations only between the subjects the claim names. Rounding as written (108 for 108.05) and unit changes (0.59 s for 589.98 ms; 69.9% for 0.699; 2.3x for +130%) count.

An ungrounded figure carries Reason and Expected: OtherSubject (the value belongs to another model or configuration, named in BelongsTo), OtherStatistic (it is the P95 and the text calls it the mean), UnitConfusion (the unit contradicts the metric: a TTFT in tokens per second), NotInData (the data holds something else; Expected says what), Unverifiable (no metric named and no fact says what the figure is). Verdict sums it up: Grounded, Contradicted or Unverifiable.

Not figures: list and heading numbering, dates and times, model names and tags (gemma3:270m, llama3.1:8b-instruct-q4_0), statistic names (P95), versions, file names and paths, ordinals (Run 2) and numbers about the text itself (300 words).

Facts come from the pipeline or -Metric: BenchmarkMetric, Finding, InsightReport, BenchmarkSample, BenchmarkInventorySummary and BenchmarkComparison objects, live or deserialized (they are read by property name). With -Text or -Path the given text is checked and one GroundingResult is written per text or file. With neither, each piped InsightReport's narrative is checked against its own metrics, findings, inventory and call timings plus any other facts given.
'@
    Parameters  = @{
        Text        = 'The text to check, for example a narrative a model wrote.'
        Path        = 'One or more files whose text to check. Wildcards are allowed; one result per file, its Source set to the file.'
        InputObject = 'Facts from the pipeline: metrics, findings, reports, samples, inventory summaries or comparisons, live or deserialized. Without -Text or -Path, the reports piped in are the texts checked.'
        Metric      = 'Facts given as a parameter instead of the pipeline (metrics or any of the objects -InputObject accepts).'
        FailOnUngrounded = 'After writing every result, stop with a terminating error (FigureContradicted) when the data contradicts any figure: a scheduled task run with $ErrorActionPreference = ''Stop'' then exits with 1. Unverifiable figures do not count.'
    }
    Inputs      = @('Chimera.Insight.BenchmarkMetric', 'Chimera.Insight.Finding', 'Chimera.Insight.InsightReport', 'Chimera.Insight.BenchmarkSample', 'System.Management.Automation.PSObject')
    Examples    = @(
        @{
            Code    = '$metrics = Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics; $metrics | Test-InsightGrounding -Text "gemma3:270m reaches 108 tok/s with a TTFT of 0.59 s."'
            Remarks = 'Checks two figures against the measured metrics: both are grounded when the data holds 108.05 tok/s and 589.98 ms.'
        }
        @{
            Code    = '$report = $metrics | New-InsightReport; $report | Test-InsightGrounding | Select-Object -ExpandProperty Ungrounded'
            Remarks = 'Checks the narrative of a report against its own facts and lists the figures the data does not support, with their line and column.'
        }
        @{
            Code    = '$metrics | Test-InsightGrounding -Text "The mean TTFT of gemma3:270m was 655.1 ms." | Select-Object -ExpandProperty Figures'
            Remarks = 'Shows the claim read around each figure: Text, Subject, Metric, Statistic, Verdict, Reason and Expected; a P95 called the mean is OtherStatistic, with the true mean as Expected.'
        }
        @{
            Code    = '$ErrorActionPreference = ''Stop''; Test-InsightGrounding -Path ./insight.md -Metric $report -FailOnUngrounded | Out-Null'
            Remarks = 'In a scheduled task: checks a report''s Markdown against the facts it was written from (the report object brings its metrics, findings, inventory, warnings and the call''s and workflow''s timings, which metrics alone do not hold) and fails (exit code 1 with pwsh -File) when the text states a figure the data contradicts.'
        }
        @{
            Code    = 'Test-InsightGrounding -Path ./old/*.md -Metric $metrics | Format-Table Source, GroundedRatio'
            Remarks = 'Checks existing Markdown reports, one result per file.'
        }
    )
    Notes       = 'A figure with neither a unit nor a metric named before it may only be supported by a fact the data states as such, never by a derived value. GroundedRatio is 1 when the text states no figures.'
    Links       = @('New-InsightReport', 'Export-InsightReport', 'Measure-BenchmarkMetrics')
}
