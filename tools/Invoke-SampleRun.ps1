<#
.SYNOPSIS
    The main job on the shipped sample corpus: build.ps1 Run starts it in a fresh pwsh process.
.DESCRIPTION
    Get-BenchmarkInventory | Measure-BenchmarkMetrics | New-InsightReport, and the report's Markdown
    printed. Ollama is asked at the usual address ($env:OLLAMA_HOST or http://localhost:11434); when it
    is not there, the report is written offline and a warning says so.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SamplePath
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$report = Get-BenchmarkInventory -LiteralPath $SamplePath |
    Measure-BenchmarkMetrics -WarningAction SilentlyContinue |
    New-InsightReport -MaxRetries 1
$report.Markdown
$report | Format-List Provider, Model, Configuration, TtftMs, TokensPerSecond, IngestSeconds, AnalysisSeconds, ReportSeconds, TotalSeconds, FilesAnalyzed, Complete
