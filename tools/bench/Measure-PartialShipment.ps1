# (g) What one server ships in the fan-out recipe: Measure-BenchmarkMetrics -Partial on a corpus of -Files files
# (20 requests each), serialized as Invoke-Command and Start-Job serialize it (CLIXML, depth 1, the module's types
# deepening the run record to carry its inventory), and how long the central merge of the deserialized parts takes.
# Dot-sourced by BenchmarkSteps.ps1; called by Invoke-Benchmark.ps1.

function Measure-PartialShipment([string] $OutputPath, [int] $Files, [int] $Rounds) {
    $corpus = Join-Path $OutputPath "corpus-partial-$Files"
    if (-not (Test-Path (Join-Path $corpus 'done.txt'))) {
        if (Test-Path $corpus) { Remove-Item $corpus -Recurse -Force }
        & (Join-Path $PSScriptRoot 'New-SyntheticCorpus.ps1') -Path $corpus -FileCount $Files -RowsPerFile 20 | Out-Null
        Set-Content (Join-Path $corpus 'done.txt') 'complete'
    }

    $measure = [System.Collections.Generic.List[double]]::new()
    $serialize = [System.Collections.Generic.List[double]]::new()
    $merge = [System.Collections.Generic.List[double]]::new()
    $clock = [System.Diagnostics.Stopwatch]::new()
    $xml = $null
    $parts = $null
    $merged = $null
    # One untimed round first: the first run at a new size is slower.
    for ($round = 0; $round -le $Rounds; $round++) {
        $clock.Restart()
        $parts = Measure-BenchmarkMetrics -Path $corpus -Partial -WarningAction SilentlyContinue
        $measureSeconds = $clock.Elapsed.TotalSeconds
        $clock.Restart()
        $xml = [System.Management.Automation.PSSerializer]::Serialize($parts, 1)
        $serializeSeconds = $clock.Elapsed.TotalSeconds
        $back = [System.Management.Automation.PSSerializer]::Deserialize($xml)
        $clock.Restart()
        $merged = $back | Measure-BenchmarkMetrics -WarningAction SilentlyContinue
        $mergeSeconds = $clock.Elapsed.TotalSeconds
        if ($round -gt 0) {
            $measure.Add($measureSeconds)
            $serialize.Add($serializeSeconds)
            $merge.Add($mergeSeconds)
        }
    }

    $single = Measure-BenchmarkMetrics -Path $corpus -WarningAction SilentlyContinue
    $countsAgree = ($single | Measure-Object Count -Sum).Sum -eq ($merged | Measure-Object Count -Sum).Sum -and
        ($single | Measure-Object FailedCount -Sum).Sum -eq ($merged | Measure-Object FailedCount -Sum).Sum -and
        @($single).Count -eq @($merged).Count
    $run = $parts | Where-Object { $_.PSObject.TypeNames[0] -eq 'Chimera.Insight.BenchmarkPartialRun' } | Select-Object -First 1
    $groupParts = @($parts | Where-Object { $_.PSObject.TypeNames[0] -eq 'Chimera.Insight.BenchmarkMetricPart' })
    return [ordered]@{
        Corpus            = $corpus
        Files             = $Files
        Rounds            = $Rounds
        Parts             = $groupParts.Count
        Sketched          = @($groupParts | Where-Object { $_.Encoding -eq 'Sketch' }).Count
        ValueCount        = ($groupParts | Measure-Object Count -Sum).Sum
        ClixmlMB          = [Math]::Round([System.Text.Encoding]::UTF8.GetByteCount($xml) / 1MB, 2)
        RunRecordMB       = [Math]::Round([System.Text.Encoding]::UTF8.GetByteCount([System.Management.Automation.PSSerializer]::Serialize($run, 1)) / 1MB, 2)
        MeasureSeconds    = Get-Median $measure.ToArray()
        SerializeSeconds  = Get-Median $serialize.ToArray()
        SerializeRoundSeconds = $serialize.ToArray()
        MergeSeconds      = Get-Median $merge.ToArray()
        CountsAgree       = $countsAgree
    }
}
