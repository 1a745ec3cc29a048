@{
    Synopsis    = 'Writes an insight report or a comparison report to a Markdown, JSON or HTML file.'
    Description = @'
Export-InsightReport writes an InsightReport (from New-InsightReport, or deserialized: from Start-Job, Invoke-Command, Import-Clixml, or read back with ConvertFrom-Json) to a file:

Markdown: the whole document in the seed's layout (title block, narrative, Workflow Summary, Data Summary, Metrics, Key Findings, Recommendations, Unverified Figures, Persona Prompt). The report's own Markdown is written when it carries one.

Json: every property of the report, PascalCase names as the C# properties, enums as strings, invariant numbers. Such a file is itself a benchmark artifact that Get-BenchmarkSample reads back as report samples.

Html: one self-contained page (no scripts, fonts or images from outside): headline figures, the narrative rendered from its Markdown, charts as inline SVG (throughput per group, TTFT percentiles, the LLM call's load / prompt-eval / eval split), the figures tables, findings, recommendations and the grounding check. Everything that comes from the data is escaped.

Given BenchmarkComparison objects (from Compare-BenchmarkMetrics) it writes a comparison report instead: an executive summary (throughput improvement, TTFT reduction), an aggregate table with mean ± standard deviation and CV per metric, the rows per group with their p-values and verdicts.

The file is written atomically (a temporary file in the same folder, then renamed), so a failed write never leaves half a file and keeps any earlier file intact. An existing file is not overwritten without -Force. -WhatIf shows what would be written and writes nothing.
'@
    Parameters  = @{
        InputObject = 'An InsightReport, or BenchmarkComparison objects for a comparison report; live or deserialized objects, read by property name.'
        Path        = 'The file to write. The format follows its extension (.md, .json, .html) unless -Format is given. With several reports, put {Run} in the path (report-{Run}.html) to write one file per run. {Date} (yyyy-MM-dd) and {Time} (HHmmss) are the UTC date and time the report was generated: for nightly runs, "insight-{Date}.html" gives one file a day; a second run the same day finds it and writes an error (nothing is overwritten) unless -Force replaces it, and "insight-{Date}-{Time}.html" keeps every run. Quote a path with braces, or PowerShell reads {Run} as a script block.'
        Format      = 'Markdown, Json or Html. By default the extension of -Path decides.'
        Force       = 'Overwrite an existing file (still atomically). Without it an existing file is an error and stays untouched.'
        PassThru    = 'Write the FileInfo of each file written to the pipeline.'
    }
    Inputs      = @('Chimera.Insight.InsightReport', 'Chimera.Insight.BenchmarkComparison', 'System.Management.Automation.PSObject')
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics | New-InsightReport | Export-InsightReport ./insight.html'
            Remarks = 'Writes the report as a self-contained HTML page.'
        }
        @{
            Code    = '$report | Export-InsightReport ./insight.json -Force -PassThru'
            Remarks = 'Writes (or overwrites) the report as JSON and returns the file.'
        }
        @{
            Code    = 'Compare-BenchmarkMetrics -Reference $before -Difference $after | Export-InsightReport ./comparison.md'
            Remarks = 'Writes a comparison report: throughput improvement, TTFT reduction, aggregate and per-group tables with significance.'
        }
        @{
            Code    = '$metrics | New-InsightReport -Runs 3 | Export-InsightReport "./report-{Run}.md"'
            Remarks = 'Writes one file per run: report-1.md, report-2.md, report-3.md.'
        }
    )
    Notes       = 'Format views, Import-Clixml and ConvertFrom-Json objects work as well as live ones: the cmdlet reads the properties by name.'
    Links       = @('New-InsightReport', 'Compare-BenchmarkMetrics', 'Test-InsightGrounding')
}
