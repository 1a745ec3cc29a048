# The steps of the benchmark, dot-sourced by Invoke-Benchmark.ps1.

if (-not ('ByteFloor' -as [type])) {
    Add-Type -TypeDefinition @'
using System.IO;
public static class ByteFloor
{
    // Reads every byte of every file below root once, sequentially, with one reused buffer. Files are opened the
    // cheapest way, as the module opens them: no sharing lock (on Unix, FileShare.Read costs a flock per file) and no
    // read-ahead hint (one more system call per file).
    public static long ReadAll(string root)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) total += read;
            }
        }
        return total;
    }
}
'@
}

. (Join-Path $PSScriptRoot '../FreshPwsh.ps1')
. (Join-Path $PSScriptRoot 'Measure-PartialShipment.ps1')
. (Join-Path $PSScriptRoot 'GroundingBenchmark.ps1')

function Invoke-FreshPwshScript([string] $Script) {
    $pwsh = Get-FreshPwsh
    $exe = $pwsh[0]
    $prefix = @($pwsh | Select-Object -Skip 1)
    $output = & $exe @prefix -NoProfile -NonInteractive -Command $Script
    if ($LASTEXITCODE -ne 0) { throw "A child pwsh failed (exit code $LASTEXITCODE): $output" }
    return $output
}

function Get-MachineDescription {
    [ordered]@{
        OS          = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Cores       = [Environment]::ProcessorCount
        MemoryGB    = [Math]::Round((Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Select-String '^MemTotal:\s+(\d+)' |
                        ForEach-Object { [double]$_.Matches[0].Groups[1].Value / 1MB }), 1)
        Cpu         = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Select-String '^model name\s*:\s*(.+)$' |
                        Select-Object -First 1 | ForEach-Object { $_.Matches[0].Groups[1].Value })
        PowerShell  = $PSVersionTable.PSVersion.ToString()
        DotNet      = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    }
}

function New-BenchCorpus([string] $Path, [int] $Count) {
    $marker = Join-Path $Path 'expected-means.txt'
    if (Test-Path $marker) { return Get-Content $marker -Raw | ConvertFrom-Json }
    if (Test-Path $Path) { Remove-Item $Path -Recurse -Force }
    $expected = & (Join-Path $PSScriptRoot 'New-SyntheticCorpus.ps1') -Path $Path -FileCount $Count
    # A .txt file: not a benchmark artifact, so every competitor passes it over.
    $expected | ConvertTo-Json | Set-Content $marker
    return $expected
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    return $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
}

# Runs the competitors in rounds, one after another within each round (a, c, b, then a, c, b ...), so that
# every round compares them side by side under the same load on a shared machine. Returns, per competitor, its
# median and its times in round order, and the last result it gave.
function Measure-Rounds([int] $Rounds, [System.Collections.Specialized.OrderedDictionary] $Competitors) {
    $times = @{}
    $results = @{}
    foreach ($name in $Competitors.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($name in $Competitors.Keys) {
            [GC]::Collect()
            [GC]::WaitForPendingFinalizers()
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $results[$name] = & $Competitors[$name]
            $watch.Stop()
            $times[$name].Add($watch.Elapsed.TotalSeconds)
        }
    }
    $measured = @{}
    foreach ($name in $Competitors.Keys) {
        $measured[$name] = [pscustomobject]@{
            Seconds = [Math]::Round((Get-Median $times[$name]), 3)
            Rounds  = @($times[$name] | ForEach-Object { [Math]::Round($_, 3) })
            Times   = $times[$name].ToArray()
            Result  = $results[$name]
        }
    }
    return $measured
}

# The ratio of two competitors within each round, and its median over the rounds.
function Get-PairedRatio($Numerator, $Denominator) {
    $ratios = for ($i = 0; $i -lt $Numerator.Times.Count; $i++) { $Numerator.Times[$i] / $Denominator.Times[$i] }
    [pscustomobject]@{
        Median = [Math]::Round((Get-Median $ratios), 2)
        Rounds = @($ratios | ForEach-Object { [Math]::Round($_, 2) })
    }
}

# (a) The module: warm TokensPerSecond mean per model.
function Invoke-ModulePipeline([string] $Path) {
    $means = @{}
    Get-BenchmarkInventory -LiteralPath $Path |
        Measure-BenchmarkMetrics -GroupBy Model, Phase -Metric TokensPerSecond -ErrorAction SilentlyContinue |
        Where-Object { $_.Phase -eq 'Warm' -and $_.Origin -eq 'Measured' } |
        ForEach-Object { $means[$_.Model] = $_.Mean }
    return $means
}

# (b) What a PowerShell user writes by hand for the same figure.
function Invoke-HandWritten([string] $Path) {
    $rows = Get-ChildItem -LiteralPath $Path -Recurse -File | ForEach-Object {
        $file = $_
        switch -Wildcard ($file.Name) {
            '*.csv' {
                Import-Csv -LiteralPath $file.FullName | Where-Object { -not $_.error } |
                    ForEach-Object { [pscustomobject]@{ Model = $_.model; Cold = [double]$_.load_s -gt 1; Tps = [double]$_.tokens_s } }
            }
            '*.jsonl' {
                Get-Content -LiteralPath $file.FullName | ConvertFrom-Json | Where-Object success |
                    ForEach-Object { [pscustomobject]@{ Model = $_.model; Cold = $_.load_s -gt 1; Tps = [double]$_.tokens_s } }
            }
            '*.json' {
                $document = Get-Content -LiteralPath $file.FullName -Raw | ConvertFrom-Json
                $document.results | Where-Object success |
                    ForEach-Object { [pscustomobject]@{ Model = $document.model; Cold = $_.load_s -gt 1; Tps = [double]$_.tokens_s } }
            }
        }
    }
    $means = @{}
    $rows | Where-Object { -not $_.Cold } | Group-Object Model |
        ForEach-Object { $means[$_.Name] = ($_.Group | Measure-Object Tps -Average).Average }
    return $means
}

# (c) The floor.
function Read-EveryByte([string] $Path) { [ByteFloor]::ReadAll($Path) }

function Test-MeansMatch($Expected, [hashtable] $Actual) {
    foreach ($model in $Expected) {
        if (-not $Actual.ContainsKey($model.Model)) { return $false }
        $difference = [Math]::Abs($Actual[$model.Model] - $model.WarmTokensPerSecondMean)
        if ($difference -gt 1e-9 * [Math]::Abs($model.WarmTokensPerSecondMean)) { return $false }
    }
    return $true
}

# (e) Import-Module in a fresh process, milliseconds.
function Measure-ImportModule([string] $ModulePath, [int] $Times) {
    $values = for ($i = 0; $i -lt $Times; $i++) {
        [double](Invoke-FreshPwshScript "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)")
    }
    [ordered]@{ MedianMs = [Math]::Round((Get-Median $values), 1); AllMs = @($values | Sort-Object) }
}

# (f) The peak working set of fresh processes running (a) on the largest corpus: three processes, as one peak depends on
# when the garbage collector happened to run (docs/performance.md).
function Measure-PeakWorkingSet([string] $ModulePath, [string] $Path, [int] $Processes = 3) {
    $script = @"
Import-Module '$ModulePath'
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$null = Get-BenchmarkInventory -LiteralPath '$Path' | Measure-BenchmarkMetrics -ErrorAction SilentlyContinue
`$watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB).ToString([cultureinfo]::InvariantCulture)
"@
    $runs = @(for ($i = 0; $i -lt $Processes; $i++) {
        $output = @(Invoke-FreshPwshScript $script | Select-Object -Last 2)
        [pscustomobject]@{ Seconds = [double]$output[0]; PeakMB = [double]$output[1] }
    })
    $bare = [double](Invoke-FreshPwshScript '[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB' | Select-Object -Last 1)
    [ordered]@{
        Corpus            = $Path
        Processes         = $Processes
        PeakMB            = [Math]::Round((Get-Median @($runs.PeakMB)), 1)
        PeakMaxMB         = [Math]::Round(($runs.PeakMB | Measure-Object -Maximum).Maximum, 1)
        PeakAllMB         = @($runs | ForEach-Object { [Math]::Round($_.PeakMB, 1) })
        BarePwshPeakMB    = [Math]::Round($bare, 1)
        # The same runs' time: a first run in a fresh process, JIT compilation included.
        FirstRunSeconds   = [Math]::Round((Get-Median @($runs.Seconds)), 2)
    }
}

function Format-BenchmarkMarkdown($Results) {
    $m = $Results.Machine
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("Machine: $($m.Cpu), $($m.Cores) cores, $($m.MemoryGB) GB, $($m.OS), PowerShell $($m.PowerShell), $($m.DotNet). Run $($Results.StartedAt).")
    $lines.Add('')
    $lines.Add('| files | MB | rounds | (a) module s | (b) by hand s | (b)/(a) | (c) read bytes s | (a)/(c) | means agree (a, b) |')
    $lines.Add('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
    foreach ($c in $Results.Corpora) {
        $hand = if ($null -ne $c.HandSeconds) { $c.HandSeconds } else { 'not run' }
        $ratio = if ($null -ne $c.HandVsModule) { "$($c.HandVsModule)x ($($c.HandVsModuleOfMedians)x)" } else { '' }
        $lines.Add("| $($c.Files) | $([Math]::Round($c.Bytes / 1MB, 1)) | $($c.Rounds) | $($c.ModuleSeconds) | $hand | $ratio | $($c.ReadBytesSeconds) | $($c.ModuleVsReadBytes)x ($($c.ModuleVsReadBytesOfMedians)x) | $($c.ModuleMeansMatch), $($c.HandMeansMatch) |")
    }
    $lines.Add('')
    $lines.Add("Times are medians over the rounds, each corpus's timed rounds after $($Results.WarmupRounds) untimed ones. Ratios are medians of the ratios within each round, where (a), (c) and (b) ran one after another; the ratio of the two medians follows in brackets.")
    $lines.Add('')
    foreach ($o in @($Results.ReportOverhead)) {
        $lines.Add("Report overhead beyond the LLM with the inventory of $($o.Files) files ($($o.MetricGroups) metric groups, grouped by $($o.GroupBy); median of $($o.Runs), after 5 untimed calls): $($o.OverheadMedianMs) ms; client TTFT minus the server's first chunk: $($o.TtftGapMedianMs) ms.")
    }
    if ($Results.FirstCallTtft) {
        $f = $Results.FirstCallTtft
        $lines.Add("The first call in a fresh process (Import-Module, measure, one report; $($f.Processes) processes): client TTFT minus the server's first chunk, median $($f.GapMedianMs) ms, at most $($f.GapMaxMs) ms.")
    }
    $lines.Add("Import-Module in a fresh process: median $($Results.ImportModuleMs.MedianMs) ms.")
    if ($Results.OfflineFallback) {
        $lines.Add("Offline fallback with nothing listening (New-InsightReport, default retries): median $($Results.OfflineFallback.MedianSeconds) s, at most $($Results.OfflineFallback.MaxSeconds) s over $($Results.OfflineFallback.Runs) runs.")
    }
    if ($Results.Contains('Grounding')) { $lines.Add("Grounding a $($Results.Grounding.Figures)-figure narrative against $($Results.Grounding.Groups) metric groups: median $($Results.Grounding.MedianMs) ms (max $($Results.Grounding.MaxMs)).") }
    $p = $Results.PeakWorkingSetMB
    if ($Results.Contains('PartialShipment')) {
        $s = $Results.PartialShipment
        $lines.Add("Fan-out, one server of $($s.Files) files (20 requests each): Measure-BenchmarkMetrics -Partial took $($s.MeasureSeconds) s and emitted $($s.Parts) parts ($($s.Sketched) sketched) for $($s.ValueCount) values; as CLIXML (depth 1) $($s.ClixmlMB) MB, the run record $($s.RunRecordMB) MB of it, serialized in $($s.SerializeSeconds) s; the central merge of the deserialized parts took $($s.MergeSeconds) s (counts agree with one run: $($s.CountsAgree)).")
    }
    $lines.Add("Peak working set running (a) on $(Split-Path $p.Corpus -Leaf), $($p.Processes) fresh processes: median $($p.PeakMB) MB, at most $($p.PeakMaxMB) MB ($($p.PeakAllMB -join ', ')); a bare pwsh process peaks at $($p.BarePwshPeakMB) MB. Those runs, each the first in its process (JIT compilation included), took $($p.FirstRunSeconds) s (median).")
    return $lines -join [Environment]::NewLine
}

# (d) New-InsightReport against the Ollama test server at a fixed token rate: what the module adds to
# the LLM call (client wall time minus the server's total_duration), and how late the client sees the
# first chunk (client TTFT minus the server's time to its first chunk).
function Measure-ReportOverhead([string] $TestServerPath, [int] $Times, [string] $Corpus, [int] $Files, [string[]] $GroupBy) {
    $env:CHIMERA_TEST_SERVER = $TestServerPath
    . (Join-Path $PSScriptRoot '../../tests/pester/OllamaTestServer.ps1')
    # The metrics carry the inventory of every file measured: the report's own work must not grow with it.
    $grouping = if ($GroupBy) { @{ GroupBy = $GroupBy } } else { @{} }
    $metrics = @(Measure-BenchmarkMetrics -LiteralPath $Corpus @grouping -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
    $server = Start-OllamaTestServer -ArgumentList '--token-rate', '200', '--tokens', '100'
    try {
        # Calls first, untimed: they load the model on the server and let tiered compilation optimise the client.
        # The first call in a fresh process is measured apart (Measure-FirstCallTtft).
        for ($i = 0; $i -lt 5; $i++) {
            $null = $metrics | New-InsightReport -OllamaUri $server.Uri -WarningAction SilentlyContinue
        }
        $overhead = [System.Collections.Generic.List[double]]::new()
        $ttftGap = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Times; $i++) {
            Clear-OllamaTestServerLog $server
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $report = $metrics | New-InsightReport -OllamaUri $server.Uri -WarningAction SilentlyContinue
            $watch.Stop()
            $call = @(Get-OllamaTestServerLog $server | Where-Object Path -in '/api/generate', '/api/chat')[0]
            $overhead.Add($watch.Elapsed.TotalMilliseconds - $call.doneChunk.total_duration / 1e6)
            $ttftGap.Add($report.TtftMs - $call.firstChunkMs)
        }
    }
    finally {
        Stop-OllamaTestServer $server
    }
    [ordered]@{
        Files              = $Files
        GroupBy            = if ($GroupBy) { $GroupBy -join ', ' } else { 'default' }
        MetricGroups       = $metrics.Count
        Runs               = $Times
        TokenRate          = 200
        OverheadMedianMs   = [Math]::Round((Get-Median $overhead), 1)
        OverheadAllMs      = @($overhead | ForEach-Object { [Math]::Round($_, 1) })
        TtftGapMedianMs    = [Math]::Round((Get-Median $ttftGap), 2)
        TtftGapAllMs       = @($ttftGap | ForEach-Object { [Math]::Round($_, 2) })
    }
}

# (j) The call a scheduled task makes: one New-InsightReport in a fresh process (Import-Module, measure, report),
# against a test server kept warm by an untimed call first: the client's TTFT minus the server's first chunk.
function Measure-FirstCallTtft([string] $ModulePath, [string] $TestServerPath, [int] $Times) {
    $env:CHIMERA_TEST_SERVER = $TestServerPath
    . (Join-Path $PSScriptRoot '../../tests/pester/OllamaTestServer.ps1')
    $corpus = Join-Path ([IO.Path]::GetTempPath()) "chimera-bench-first-call-$PID"
    New-BenchCorpus -Path $corpus -Count 50 | Out-Null
    $server = Start-OllamaTestServer -ArgumentList '--token-rate', '200', '--tokens', '100'
    $script = @"
Import-Module '$ModulePath'
`$metrics = @(Measure-BenchmarkMetrics -LiteralPath '$corpus' -WarningAction SilentlyContinue)
(`$metrics | New-InsightReport -OllamaUri '$($server.Uri)' -WarningAction SilentlyContinue).TtftMs
"@
    try {
        $null = Invoke-FreshPwshScript $script
        $gaps = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Times; $i++) {
            Clear-OllamaTestServerLog $server
            $ttft = [double](Invoke-FreshPwshScript $script | Select-Object -Last 1)
            $call = @(Get-OllamaTestServerLog $server | Where-Object Path -in '/api/generate', '/api/chat')[0]
            $gaps.Add($ttft - $call.firstChunkMs)
        }
    }
    finally {
        Stop-OllamaTestServer $server
        Remove-Item $corpus -Recurse -Force -ErrorAction SilentlyContinue
    }
    [ordered]@{
        Processes    = $Times
        GapMedianMs  = [Math]::Round((Get-Median $gaps), 2)
        GapMaxMs     = [Math]::Round(($gaps | Measure-Object -Maximum).Maximum, 2)
        GapAllMs     = @($gaps | ForEach-Object { [Math]::Round($_, 2) })
    }
}

# (e) New-InsightReport with nothing listening at its address (default retries): how long until the offline
# report is there. A refused connection fails at once, so this is the offline writer's time, not backoff.
function Measure-OfflineFallback([int] $Times) {
    $corpus = Join-Path ([IO.Path]::GetTempPath()) "chimera-bench-offline-$PID"
    New-BenchCorpus -Path $corpus -Count 50 | Out-Null
    $metrics = @(Measure-BenchmarkMetrics -LiteralPath $corpus -WarningAction SilentlyContinue)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $dead = "http://127.0.0.1:$port/"
    try {
        $null = $metrics | New-InsightReport -OllamaUri $dead -WarningAction SilentlyContinue
        $seconds = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Times; $i++) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $report = $metrics | New-InsightReport -OllamaUri $dead -WarningAction SilentlyContinue
            $watch.Stop()
            if ($report.Provider -ne 'Offline') { throw "The fallback at $dead gave a $($report.Provider) report." }
            $seconds.Add($watch.Elapsed.TotalSeconds)
        }
    }
    finally {
        Remove-Item $corpus -Recurse -Force -ErrorAction SilentlyContinue
    }
    [ordered]@{
        Runs          = $Times
        MedianSeconds = [Math]::Round((Get-Median $seconds), 3)
        MaxSeconds    = [Math]::Round(($seconds | Measure-Object -Maximum).Maximum, 3)
    }
}
