<#
.SYNOPSIS
    The performance benchmark: build.ps1 Bench starts it in a fresh pwsh process.
.DESCRIPTION
    Side by side in one session, repeated, medians reported:
      (a) Get-BenchmarkInventory | Measure-BenchmarkMetrics
      (b) what a PowerShell user writes without the module (Get-ChildItem -Recurse | Import-Csv /
          Get-Content -Raw | ConvertFrom-Json, failed rows dropped, Group-Object + Measure-Object),
          checked to give the same means as (a); run up to 10k files only (it is slow)
      (c) reading every byte of every file (compiled loop: the floor)
      (a), (b) and (c) run in rounds, one after another in each, after untimed rounds on the same corpus;
      their ratios are taken within each round and the median of those is reported, beside the ratio
      of the medians
      (d) New-InsightReport against the Ollama test server at a fixed token rate, with the metrics of 50 files and
          of the largest corpus up to 10k files: wall time minus the server's total_duration, and client TTFT
          minus the server's first-chunk time
      (e) Import-Module in a fresh process
      (f) peak working set of three fresh processes running (a) on the largest corpus (median, maximum)
      (g) the yardstick: DuckDB reading the same files with one typed SQL query, and the module, each in
          fresh processes: first run and warm, side by side (corpora up to 10k files; DuckDbYardstick.ps1)
      (h) the fan-out recipe: what Measure-BenchmarkMetrics -Partial ships for one server of the largest
          corpus up to 10k files (20 requests each): CLIXML size and serialization time, and the merge
      (i) grounding a 70-figure narrative against 2,000 metric groups (GroundingBenchmark.ps1)
      (j) the first New-InsightReport call in a fresh process: client TTFT minus the server's first chunk
    Writes results.json and results.md to -OutputPath.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $TestServerPath,
    [Parameter(Mandatory)][string] $OutputPath,
    [string] $FileCount = '1000,10000,100000',
    [int] $Repeat = 7,
    [int] $WarmupRounds = 2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$sizes = @($FileCount -split ',' | ForEach-Object { [int]$_ })
New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'BenchmarkSteps.ps1')
. (Join-Path $PSScriptRoot 'DuckDbYardstick.ps1')

$results = [ordered]@{
    Machine   = Get-MachineDescription
    StartedAt = [DateTime]::UtcNow.ToString('o')
    WarmupRounds = $WarmupRounds
    Corpora   = [System.Collections.Generic.List[object]]::new()
}

# Warm-up: the figures are steady-state ones, so the module's code paths and PowerShell's own are run until
# tiered compilation has optimised them (a few runs, not one) before anything is timed. The cost of a first run
# in a fresh process is measured apart, in (f).
$warmup = Join-Path $OutputPath 'corpus-warmup'
New-BenchCorpus -Path $warmup -Count 1000 | Out-Null
for ($i = 0; $i -lt 8; $i++) {
    Invoke-ModulePipeline -Path $warmup | Out-Null
    Invoke-HandWritten -Path $warmup | Out-Null
    Read-EveryByte -Path $warmup | Out-Null
}
Start-Sleep -Milliseconds 500 # lets the background JIT finish what the warm-up queued

foreach ($size in $sizes) {
    $corpus = Join-Path $OutputPath "corpus-$size"
    Write-Host "Corpus of $size files: $corpus" -ForegroundColor Cyan
    $expected = New-BenchCorpus -Path $corpus -Count $size
    $bytes = (Get-ChildItem $corpus -Recurse -File | Measure-Object Length -Sum).Sum
    # (b) takes seconds per thousand files: it runs up to 10k files only. The largest corpus gets fewer rounds.
    $withHand = $size -le 10000
    $rounds = if ($size -le 10000) { $Repeat } else { [Math]::Min($Repeat, 3) }
    $competitors = [ordered]@{
        Module    = { Invoke-ModulePipeline -Path $corpus }
        ReadBytes = { Read-EveryByte -Path $corpus }
    }
    if ($withHand) { $competitors.Hand = { Invoke-HandWritten -Path $corpus } }
    # Untimed rounds first on this corpus too: the first runs at a new size are slower (the heap grows, more code
    # reaches its optimised tier), and the figures are the steady state's.
    Measure-Rounds -Rounds $WarmupRounds -Competitors $competitors | Out-Null
    $measured = Measure-Rounds -Rounds $rounds -Competitors $competitors
    $module = $measured.Module
    $floor = $measured.ReadBytes
    $moduleVsFloor = Get-PairedRatio $module $floor
    $entry = [ordered]@{
        Files               = $size
        Bytes               = $bytes
        Rounds              = $rounds
        ModuleSeconds       = $module.Seconds
        # Every round's time, in round order: the spread says how much to trust the median on a shared machine.
        ModuleRoundSeconds  = $module.Rounds
        ReadBytesSeconds    = $floor.Seconds
        ReadBytesRoundSeconds = $floor.Rounds
        # Ratios are taken within each round (the competitors ran side by side), then their median.
        ModuleVsReadBytes   = $moduleVsFloor.Median
        ModuleVsReadBytesRounds = $moduleVsFloor.Rounds
        # The ratio of the two medians, for comparison with the paired figure.
        ModuleVsReadBytesOfMedians = [Math]::Round($module.Seconds / $floor.Seconds, 2)
        ModuleMeansMatch    = Test-MeansMatch -Expected $expected -Actual $module.Result
        HandSeconds         = $null
        HandRoundSeconds    = $null
        HandVsModule        = $null
        HandVsModuleRounds  = $null
        HandVsModuleOfMedians = $null
        HandMeansMatch      = $null
    }
    if ($withHand) {
        $hand = $measured.Hand
        $handVsModule = Get-PairedRatio $hand $module
        $entry.HandSeconds = $hand.Seconds
        $entry.HandRoundSeconds = $hand.Rounds
        $entry.HandVsModule = [Math]::Round($handVsModule.Median, 1)
        $entry.HandVsModuleRounds = $handVsModule.Rounds
        $entry.HandVsModuleOfMedians = [Math]::Round($hand.Seconds / $module.Seconds, 1)
        $entry.HandMeansMatch = Test-MeansMatch -Expected $expected -Actual $hand.Result
    }
    $results.Corpora.Add([pscustomobject]$entry)
    [pscustomobject]$entry | Format-List | Out-Host
}

$partialFiles = ($sizes | Where-Object { $_ -le 10000 } | Measure-Object -Maximum).Maximum
if ($partialFiles) { $results.PartialShipment = Measure-PartialShipment -OutputPath $OutputPath -Files $partialFiles -Rounds $Repeat }
# The report's overhead on small input, then with the inventory of the largest corpus up to 10k files: grouped by model
# (the inventory is the input that grows) and by default (every configuration: the metric groups grow too).
$largestUpTo10k = ($sizes | Where-Object { $_ -le 10000 } | Measure-Object -Maximum).Maximum
$reportCorpus = Join-Path $OutputPath 'corpus-report-50'
New-BenchCorpus -Path $reportCorpus -Count 50 | Out-Null
$results.ReportOverhead = @(
    [pscustomobject](Measure-ReportOverhead -TestServerPath $TestServerPath -Times 9 -Corpus $reportCorpus -Files 50)
    if ($largestUpTo10k) {
        $corpus = Join-Path $OutputPath "corpus-$largestUpTo10k"
        [pscustomobject](Measure-ReportOverhead -TestServerPath $TestServerPath -Times 9 -Corpus $corpus -Files $largestUpTo10k -GroupBy Model)
        [pscustomobject](Measure-ReportOverhead -TestServerPath $TestServerPath -Times 9 -Corpus $corpus -Files $largestUpTo10k)
    })
$results.FirstCallTtft = Measure-FirstCallTtft -ModulePath $ModulePath -TestServerPath $TestServerPath -Times 5
$results.ImportModuleMs = Measure-ImportModule -ModulePath $ModulePath -Times 5
$results.OfflineFallback = Measure-OfflineFallback -Times 5
$results.Grounding = Measure-GroundingSpeed -Times 21
$largest = Join-Path $OutputPath "corpus-$(($sizes | Measure-Object -Maximum).Maximum)"
$results.PeakWorkingSetMB = Measure-PeakWorkingSet -ModulePath $ModulePath -Path $largest

$duckDb = Build-DuckDbYardstick -Destination (Join-Path $OutputPath 'duckdb')
$results.Yardstick = @(foreach ($size in $sizes | Where-Object { $_ -le 10000 }) {
    $corpus = Join-Path $OutputPath "corpus-$size"
    [pscustomobject](Measure-Yardstick -ModulePath $ModulePath -ToolPath $duckDb -Corpus $corpus -Expected (New-BenchCorpus -Path $corpus -Count $size))
})

$json = $results | ConvertTo-Json -Depth 6
Set-Content -Path (Join-Path $OutputPath 'results.json') -Value $json
$markdown = (Format-BenchmarkMarkdown -Results $results) + (Format-YardstickMarkdown $results.Yardstick)
Set-Content -Path (Join-Path $OutputPath 'results.md') -Value $markdown
$markdown | Out-Host
