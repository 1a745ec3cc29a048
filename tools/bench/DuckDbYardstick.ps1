# The yardstick a data engineer would pick: DuckDB (DuckDB.NET.Data.Full, in the benchmark tool only, never a module
# dependency) reading the same corpus with one typed SQL query, beside the module, each in a fresh process: its first
# run there, then warm runs (the second to sixth, while .NET still recompiles hot code), then settled runs (the
# seventh to eleventh: after five runs, where the module has settled) in the same process. Dot-sourced by
# Invoke-Benchmark.ps1 after BenchmarkSteps.ps1.

# Builds the DuckDB tool once into $Destination; returns the path of its DLL.
function Build-DuckDbYardstick([string] $Destination) {
    $project = Join-Path $PSScriptRoot 'DuckDbYardstick/DuckDbYardstick.csproj'
    & dotnet build $project -c Release -o $Destination --nologo --verbosity quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Building the DuckDB yardstick failed (exit code $LASTEXITCODE)." }
    return Join-Path $Destination 'DuckDbYardstick.dll'
}

# DuckDB in a fresh process: the first query's time (connection opened, files read) and the median of warm ones.
function Measure-DuckDb([string] $ToolPath, [string] $Corpus, [int] $WarmRuns) {
    $output = & dotnet $ToolPath $Corpus $WarmRuns $WarmRuns
    if ($LASTEXITCODE -ne 0) { throw "The DuckDB yardstick failed (exit code $LASTEXITCODE): $output" }
    return ($output | Select-Object -Last 1) | ConvertFrom-Json
}

# The module in a fresh process (after Import-Module): its first run of (a), then the median of warm runs.
function Measure-ModuleFreshProcess([string] $ModulePath, [string] $Corpus, [int] $WarmRuns) {
    $script = @"
Import-Module '$ModulePath'
function Invoke-Once {
    `$means = @{}
    Get-BenchmarkInventory -LiteralPath '$Corpus' |
        Measure-BenchmarkMetrics -GroupBy Model, Phase -Metric TokensPerSecond -ErrorAction SilentlyContinue |
        Where-Object { `$_.Phase -eq 'Warm' -and `$_.Origin -eq 'Measured' } |
        ForEach-Object { `$means[`$_.Model] = `$_.Mean }
    `$means
}
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$means = Invoke-Once
`$first = `$watch.Elapsed.TotalSeconds
`$warm = for (`$i = 0; `$i -lt $WarmRuns; `$i++) { `$watch.Restart(); `$null = Invoke-Once; `$watch.Elapsed.TotalSeconds }
`$settled = for (`$i = 0; `$i -lt $WarmRuns; `$i++) { `$watch.Restart(); `$null = Invoke-Once; `$watch.Elapsed.TotalSeconds }
[pscustomobject]@{ FirstSeconds = `$first; WarmSeconds = @(`$warm | Sort-Object); SettledSeconds = @(`$settled | Sort-Object); Means = `$means } | ConvertTo-Json -Compress
"@
    return (Invoke-FreshPwshScript $script | Select-Object -Last 1) | ConvertFrom-Json
}

# Both, side by side on one corpus: $Rounds fresh processes of each, one after the other.
function Measure-Yardstick([string] $ModulePath, [string] $ToolPath, [string] $Corpus, $Expected, [int] $Rounds = 3, [int] $WarmRuns = 5) {
    $module = [System.Collections.Generic.List[object]]::new()
    $duck = [System.Collections.Generic.List[object]]::new()
    for ($round = 0; $round -lt $Rounds; $round++) {
        $module.Add((Measure-ModuleFreshProcess -ModulePath $ModulePath -Corpus $Corpus -WarmRuns $WarmRuns))
        $duck.Add((Measure-DuckDb -ToolPath $ToolPath -Corpus $Corpus -WarmRuns $WarmRuns))
    }
    $means = @{}
    foreach ($p in $duck[0].Means.PSObject.Properties) { $means[$p.Name] = [double]$p.Value }
    $moduleMeans = @{}
    foreach ($p in $module[0].Means.PSObject.Properties) { $moduleMeans[$p.Name] = [double]$p.Value }
    $moduleWarm = Get-Median @($module | ForEach-Object { Get-Median @($_.WarmSeconds) })
    $duckWarm = Get-Median @($duck | ForEach-Object { [double]$_.WarmMedianSeconds })
    $moduleSettled = Get-Median @($module | ForEach-Object { Get-Median @($_.SettledSeconds) })
    $duckSettled = Get-Median @($duck | ForEach-Object { [double]$_.SettledMedianSeconds })
    [ordered]@{
        Corpus                 = $Corpus
        Rounds                 = $Rounds
        ModuleFirstSeconds     = [Math]::Round((Get-Median @($module | ForEach-Object FirstSeconds)), 3)
        ModuleFirstRounds      = @($module | ForEach-Object { [Math]::Round($_.FirstSeconds, 3) })
        ModuleWarmSeconds      = [Math]::Round($moduleWarm, 3)
        DuckDbFirstSeconds     = [Math]::Round((Get-Median @($duck | ForEach-Object FirstSeconds)), 3)
        DuckDbFirstRounds      = @($duck | ForEach-Object { [Math]::Round($_.FirstSeconds, 3) })
        DuckDbWarmSeconds      = [Math]::Round($duckWarm, 3)
        DuckDbWarmVsModuleWarm = [Math]::Round($duckWarm / $moduleWarm, 2)
        ModuleSettledSeconds   = [Math]::Round($moduleSettled, 3)
        DuckDbSettledSeconds   = [Math]::Round($duckSettled, 3)
        DuckDbSettledVsModuleSettled = [Math]::Round($duckSettled / $moduleSettled, 2)
        ModuleMeansMatch       = Test-MeansMatch -Expected $Expected -Actual $moduleMeans
        DuckDbMeansMatch       = Test-MeansMatch -Expected $Expected -Actual $means
    }
}

function Format-YardstickMarkdown($Yardstick) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('')
    $lines.Add('Fresh processes, side by side (module: after Import-Module; DuckDB: connection opened and query run), medians of the rounds; warm: runs 2-6 in the process, settled: runs 7-11:')
    $lines.Add('')
    $lines.Add('| files | rounds | module first run s | DuckDB first query s | module warm s | DuckDB warm s | DuckDB / module, warm | module settled s | DuckDB settled s | DuckDB / module, settled | means agree (module, DuckDB) |')
    $lines.Add('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
    foreach ($y in $Yardstick) {
        $lines.Add("| $(Split-Path $y.Corpus -Leaf) | $($y.Rounds) | $($y.ModuleFirstSeconds) | $($y.DuckDbFirstSeconds) | $($y.ModuleWarmSeconds) | $($y.DuckDbWarmSeconds) | $($y.DuckDbWarmVsModuleWarm)x | $($y.ModuleSettledSeconds) | $($y.DuckDbSettledSeconds) | $($y.DuckDbSettledVsModuleSettled)x | $($y.ModuleMeansMatch), $($y.DuckDbMeansMatch) |")
    }
    return [Environment]::NewLine + ($lines -join [Environment]::NewLine)
}
