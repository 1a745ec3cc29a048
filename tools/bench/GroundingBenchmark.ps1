# The grounding step of the benchmark, dot-sourced by BenchmarkSteps.ps1: a 70-figure narrative checked against
# 2,000 metric groups (the facts built afresh each time, as a report builds them), timed in-process after warm-up.

# The module loads its engine in its own load context: its types are reached through the loaded assembly.
function Get-EngineType([string] $Name) {
    if (-not ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Chimera.Insight' })) {
        Get-InsightConfiguration | Out-Null
    }

    $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Chimera.Insight' } | Select-Object -First 1
    return $engine.GetType($Name, $true)
}

function New-GroundingBenchFacts {
    # 25 models x 10 configurations x 8 metrics = 2,000 measured groups, each keeping its 20 values.
    $random = [Random]::new(7)
    $metricType = Get-EngineType 'Chimera.Insight.BenchmarkMetric'
    $fill = (Get-EngineType 'Chimera.Insight.Statistics.DescriptiveSummary').GetMethod('Fill')
    $metrics = [System.Collections.Generic.List[object]]::new()
    $names = @('TtftMs', 'TokensPerSecond', 'LoadMs', 'PromptEvalMs', 'EvalMs', 'TotalMs', 'PromptTokens', 'OutputTokens')
    foreach ($m in 0..24) {
        $model = "bench$($m):$(@('q4_0', 'q5_K_M', 'q8_0', 'latest', '1b-it-qat')[$m % 5])"
        foreach ($c in 0..9) {
            $ctx = @(512, 1024, 2048, 4096, 8192)[$c % 5]
            $gpu = @(40, 80)[$c % 2]
            foreach ($name in $names) {
                $unit = switch -Wildcard ($name) { '*Ms' { 'ms' } 'TokensPerSecond' { 'tok/s' } default { 'tokens' } }
                $centre = 50 + $random.NextDouble() * 500
                $values = [double[]]@(1..20 | ForEach-Object { [Math]::Round($centre * (1 + 0.1 * ($random.NextDouble() - 0.5)), 2) })
                $metric = [Activator]::CreateInstance($metricType)
                $metric.Metric = $name; $metric.Unit = $unit; $metric.Model = $model; $metric.Backend = 'ollama'; $metric.Phase = 0
                $metric.Configuration = "num_gpu=$gpu, num_ctx=$ctx, temperature=0.$c"; $metric.NumGpu = $gpu; $metric.NumCtx = $ctx; $metric.Temperature = $c / 10
                $metric.Count = 20; $metric.PSBase.Values = $values
                $null = $fill.Invoke($null, @($metric, $values, [double[]]@()))
                $metrics.Add($metric)
            }
        }
    }

    return , $metrics.ToArray()
}

function New-GroundingBenchNarrative([object[]] $Metrics) {
    # About 70 figures in prose, bullets and a table (settings such as num_ctx=2048 count as figures): true ones and invented ones.
    $random = [Random]::new(11)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('## Executive summary'); $lines.Add('')
    foreach ($k in 1..20) {
        $g = $Metrics[$random.Next($Metrics.Count)]
        $value = if ($k % 4 -eq 0) { $g.Mean * 1.13 } else { $g.Mean }
        $lines.Add("On $($g.Model) with num_ctx=$($g.NumCtx) (warm requests), the mean $($g.Metric) was $([Math]::Round($value, 2)) $($g.Unit).")
    }
    $lines.Add('')
    foreach ($k in 1..10) {
        $g = $Metrics[$random.Next($Metrics.Count)]
        $lines.Add("- **$($g.Model)**: p95 $($g.Metric) $([Math]::Round($g.P95, 2)) $($g.Unit)")
    }
    $lines.Add(''); $lines.Add('| Model | num_ctx | num_gpu | median TTFT (ms) |'); $lines.Add('| --- | ---: | ---: | ---: |')
    $ttft = @($Metrics | Where-Object Metric -eq 'TtftMs')
    foreach ($k in 1..7) {
        $g = $ttft[$random.Next($ttft.Count)]
        $lines.Add("| $($g.Model) | $($g.NumCtx) | $($g.NumGpu) | $([Math]::Round($g.P50, 2)) |")
    }

    return ($lines -join "`n")
}

function Measure-GroundingSpeed([int] $Times = 21) {
    $metrics = New-GroundingBenchFacts
    $text = New-GroundingBenchNarrative $metrics
    $metricType = Get-EngineType 'Chimera.Insight.BenchmarkMetric'
    $typed = [Array]::CreateInstance($metricType, $metrics.Count)
    for ($k = 0; $k -lt $metrics.Count; $k++) { $typed.SetValue($metrics[$k], $k) }
    $from = (Get-EngineType 'Chimera.Insight.Reporting.FactSet').GetMethod('From')
    $checker = (Get-EngineType 'Chimera.Insight.Reporting.GroundingChecker').GetMethod('Check')
    $findings = [Array]::CreateInstance((Get-EngineType 'Chimera.Insight.Finding'), 0)
    $check = {
        $facts = $from.Invoke($null, @($typed, $findings, $null, $null))
        $checker.Invoke($null, @($text, $facts, 'bench'))
    }
    $result = $null
    foreach ($k in 1..15) { $result = & $check }
    $elapsed = foreach ($k in 1..$Times) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = & $check
        $clock.Elapsed.TotalMilliseconds
    }
    $sorted = @($elapsed | Sort-Object)
    [pscustomobject]@{
        Groups   = $metrics.Count
        Figures  = @($result.Figures).Count
        Grounded = @($result.Grounded).Count
        MedianMs = [Math]::Round($sorted[[int][Math]::Floor($sorted.Count / 2)], 2)
        MaxMs    = [Math]::Round($sorted[-1], 2)
    }
}
