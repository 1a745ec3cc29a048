@{
    Synopsis    = 'Tells which figures in a text the benchmark data supports.'
    Description = @'
Test-InsightGrounding finds the figures in a text (numbers that make a claim) and checks each one against facts: the statistics of the metrics, the findings' figures, the inventory's counts and shares, a report's own LLM call timings and configuration, raw samples, and what the analysis derives from them (differences, ratios and percent differences between two groups of one metric, totals, failure shares).

A figure is grounded when a fact of a compatible kind equals it at the precision written (108 for 108.05), after a unit change (0.59 s for 589.98 ms; 69.9% for 0.699), or when the analysis derives it. The unit written beside the figure (tok/s, ms, s, %, files, tokens) and the metric or statistic named before it in its sentence or table (TTFT, throughput, load, p95, standard deviation, a table's column header) narrow which facts may support it, so that a large fact set cannot support any number by coincidence. A configuration value written as key=value (num_ctx=512) is grounded when the data holds it.

Not figures: list and heading numbering, dates and times, model names and tags (gemma3:270m, llama3.1:8b-instruct-q4_0), statistic names (P95), versions, file names and paths, ordinals (Run 2) and numbers about the text itself (300 words).

Facts come from the pipeline or -Metric: BenchmarkMetric, Finding, InsightReport, BenchmarkSample, BenchmarkInventorySummary and BenchmarkComparison objects, live or deserialized (they are read by property name). With -Text or -Path the given text is checked and one GroundingResult is written per text or file. With neither, each piped InsightReport's narrative is checked against its own metrics, findings, inventory and call timings plus any other facts given.
'@
    Parameters  = @{
        Text        = 'The text to check, for example a narrative a model wrote.'
        Path        = 'One or more files whose text to check. Wildcards are allowed; one result per file, its Source set to the file.'
        InputObject = 'Facts from the pipeline: metrics, findings, reports, samples, inventory summaries or comparisons, live or deserialized. Without -Text or -Path, the reports piped in are the texts checked.'
        Metric      = 'Facts given as a parameter instead of the pipeline (metrics or any of the objects -InputObject accepts).'
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
            Code    = 'Test-InsightGrounding -Path ./old/*.md -Metric $metrics | Format-Table Source, GroundedRatio'
            Remarks = 'Checks existing Markdown reports, one result per file.'
        }
    )
    Notes       = 'A figure with neither a unit nor a metric named before it may only be supported by a fact the data states as such, never by a derived value. GroundedRatio is 1 when the text states no figures.'
    Links       = @('New-InsightReport', 'Export-InsightReport', 'Measure-BenchmarkMetrics')
}
