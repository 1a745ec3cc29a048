<#
.SYNOPSIS
    Writes a deterministic synthetic benchmark corpus shaped like real lab output.
.DESCRIPTION
    The same -Seed and -FileCount always give the same bytes. Files are spread over folders of 100:
      60%  Ollama run CSVs (ttft_s, tokens_s, load_s, ...; the first row of each file is a cold
           start carrying the load time; about one row in 25 failed, with an error text and zeros)
      20%  JSON result files (results[] under a top-level model; failed records have success=false)
      10%  JSONL request logs (one record a line)
      10%  Markdown reports with a "## Metrics" list (summarised figures, not samples)
    Returns the expected per-model mean of warm, successful TokensPerSecond, computed while
    writing, so the benchmark can check that every competitor computed the same figures.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][int] $FileCount,
    [int] $Seed = 20251002,
    [int] $RowsPerFile = 12
)

$ErrorActionPreference = 'Stop'
if (-not ('SyntheticCorpus' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'SyntheticCorpus.cs')
}
[SyntheticCorpus]::Write($Path, $FileCount, $Seed, $RowsPerFile)
