# The README's scheduled-task recipe, as written there, on a lab tree that holds what real lab trees hold: signed
# deltas, a CSV and its JSON twin without a model, a JSON result and its Markdown rendering, report tables written
# by people (units in the cells, mean ± sd, a metric per row, Δ columns, rank/size/context columns, cells without a
# figure), and figures files state already summarised. It must run through: exit code 0, report written.
BeforeAll {
    . (Join-Path $PSScriptRoot 'OllamaTestServer.ps1')
    . (Join-Path $PSScriptRoot '../../tools/FreshPwsh.ps1')

    $lab = Join-Path $TestDrive 'lab/reports'
    function Add-LabFile([string] $RelativePath, [string] $Text) {
        $path = Join-Path $lab $RelativePath
        New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
        [IO.File]::WriteAllText($path, $Text)
    }

    # Signed changes between two agents, in a summary per run.
    foreach ($run in @(@{ N = 1; Ttft = '-5032.5659'; Tp = '7.67' }, @{ N = 2; Ttft = '159.8684'; Tp = '-43.6857' })) {
        Add-LabFile "multi_agent/run_$($run.N)/summary.json" (
            '{"aggregate":{"average_ttft_delta_ms":' + $run.Ttft + ',"average_throughput_delta":' + $run.Tp + '},' +
            '"runs":[{"run_number":1,"ttft_delta_ms":' + $run.Ttft + ',"throughput_delta":' + $run.Tp + ',"collector_ttft_ms":783.19}]}')
    }

    # A CSV without a model column and its JSON twin that names the model: the same five requests.
    $ttft = 0.1205, 0.1187, 0.1321, 0.1199, 0.1244
    $tps = 101.2, 99.87, 100.4, 102.05, 98.6
    $csv = @('prompt_index,ttft_s,tokens_s,eval_count')
    $json = @()
    foreach ($i in 0..4) {
        $csv += [string]::Format([cultureinfo]::InvariantCulture, '{0},{1},{2},{3}', $i, $ttft[$i], $tps[$i], 300 + $i)
        $json += [string]::Format([cultureinfo]::InvariantCulture, '{{"prompt_index":{0},"ttft_ms":{1},"tokens_per_second":{2},"eval_count":{3}}}', $i, $ttft[$i] * 1000, $tps[$i], 300 + $i)
    }
    Add-LabFile 'gemma3/gemma3_baseline.csv' (($csv -join "`n") + "`n")
    Add-LabFile 'gemma3/gemma3_baseline.json' ('{"model":"gemma3:latest","results":[' + ($json -join ',') + ']}')

    # A JSON result and its Markdown rendering (figures rounded).
    Add-LabFile 'compilation/conv_bench_20251002-170837.json' '{"model":{"name":"conv","device":"cpu"},"backends":{"jit":{"compilation":{"backend":"jit","success":true,"compile_time_s":0.09877340000093682},"benchmark":{"backend":"jit","mean_time_ms":3.781859999799053,"std_time_ms":0.375829414336068}}}}'
    Add-LabFile 'compilation/conv_bench_20251002-170837.md' @'
# Compilation Benchmark Report
- Model: conv
- Device: cpu

| Backend | Success | Compile Time (s) | Mean (ms) | Std (ms) | Notes |
| --- | --- | --- | --- | --- | --- |
| jit | yes | 0.0988 | 3.782 | 0.376 | strict=False |
'@

    # An agent's report: tables as people write them.
    Add-LabFile 'agents/Technical_Report_115.md' @'
# Technical Report 115

## Aggregate Performance

| Metric | Baseline | Chimera | Δ |
|--------|----------|---------|---|
| Average Throughput (tok/s) | 114.02 ± 2.10 | 115.98 ± 1.16 | +1.7% (+1.95) |
| **Throughput** | 99.34 tok/s | 98.55 tok/s | **-0.8%** ❌ |
| Average TTFT (ms) | 1327.37 ± 1731.26 | 1292.15 ± 1841.10 | +2.7% (+35.22) |

## Configuration Matrix

| Rank | Config ID | GPU (Chimera) | Context | Size (GB) | Speedup | Mean TTFT (warm) | TTFT Δ (ms) | TP Δ (tok/s) | Contention |
|------|-----------|---------------|---------|-----------|---------|------------------|-------------|--------------|------------|
| 1 🏆 | g80_c512 | 80 | 512 | 3.3 | 1.707x | 0.06s | +13,649 | +0.29 | 1/5 runs |
| 2 | g60_c1024 | 60 | 1024 | 3.3 | 1.463x | N/A | -9,224 | -10.93 | - |
| 3 | g120_c512 | 120 | 512 | 3.3 | 1.781x | ~0.1 s | +9,317 | +0.30 | Yes |

## Comparison

| Metric | Gemma3:latest | Llama3.1:8b-q4_0 | Winner | Delta |
| --- | --- | --- | --- | --- |
| Model Size | 3.3 GB | 4.7 GB | Gemma3 ✅ | **-30% smaller** |
| Mean Throughput | 102.85 tokens/s | 76.59 tokens/s | Gemma3 ✅ | **+34% faster** |
| GPU Memory | 5.3 GB | ~6-7 GB (estimated) | Gemma3 ✅ | Lower |
'@

    # Figures already summarised, one report per run.
    foreach ($day in 1..4) {
        Add-LabFile "insight/insight_report_2025100$($day)_120000.md" ("# Report`n**Model:** gemma3:latest`n`n## Metrics`n- Throughput: {0} tok/s`n- TTFT: {1} ms`n" -f (60 + $day * 3.25), (500 + $day * 11))
    }

    # The recipe exactly as the README gives it; only its three paths point into this test's folders.
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    if ($readme -notmatch '(?s)```powershell\r?\n(# nightly\.ps1\r?\n.*?)```') { throw 'The README has no nightly.ps1 recipe.' }
    $recipe = $Matches[1]
    $out = Join-Path $TestDrive 'insight'
    New-Item -ItemType Directory -Path $out -Force | Out-Null
    $script = $recipe.Replace('/opt/chimera/Chimera.Insight/Chimera.Insight.psd1', $env:CHIMERA_INSIGHT_MODULE).
        Replace('/srv/lab/reports', $lab).Replace('/srv/lab/insight/', ($out + [IO.Path]::DirectorySeparatorChar))
    $nightly = Join-Path $TestDrive 'nightly.ps1'
    Set-Content -Path $nightly -Value $script

    $server = Start-OllamaTestServer -ArgumentList '--preload', 'gemma3:latest', '--token-rate', '2000', '--tokens', '40'
}

AfterAll {
    if ($server) { Stop-OllamaTestServer $server }
}

Describe 'The README''s nightly recipe on a lab tree with its traps' {
    BeforeAll {
        $pwsh = Get-FreshPwsh
        $saved = $env:OLLAMA_HOST
        $env:OLLAMA_HOST = $server.Uri
        Push-Location $TestDrive
        try {
            $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $nightly 2>&1 | Out-String
            $exitCode = $LASTEXITCODE
        }
        finally {
            Pop-Location
            $env:OLLAMA_HOST = $saved
        }
    }

    It 'keeps the recipe as the README writes it' {
        $recipe | Should -Match ([regex]::Escape("`$ErrorActionPreference = 'Stop'"))
        $recipe | Should -Match 'New-InsightReport -RequireLlm'
        $recipe | Should -Match 'Export-InsightReport -Path'
    }

    It 'runs through with exit code 0 and writes the report' {
        $exitCode | Should -Be 0 -Because $output
        $written = @(Get-ChildItem $out -Filter '*.html')
        $written.Count | Should -Be 1
        (Get-Content $written[0].FullName -Raw) | Should -Match 'Chimera Insight'
    }

    It 'counts each request of the twins once, under its model, and no metric is named after a header''s decoration' {
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
        $metrics = @(Get-BenchmarkInventory $lab | Measure-BenchmarkMetrics -WarningAction SilentlyContinue -ErrorVariable problems)
        $problems.Count | Should -Be 0
        $throughput = $metrics | Where-Object { $_.Metric -eq 'TokensPerSecond' -and $_.Origin -eq 'Measured' -and $_.Model -eq 'gemma3:latest' }
        @($throughput).Count | Should -Be 1
        $throughput.Count | Should -Be 5
        @($metrics | Where-Object { $_.Metric -eq 'TokensPerSecond' -and $_.Origin -eq 'Measured' -and -not $_.Model }).Count | Should -Be 0
        $metrics.Metric | Where-Object { $_ -match '[()Δ*]|Rank|Size|Context|Speedup' } | Should -BeNullOrEmpty
        ($metrics | Where-Object { $_.Metric -eq 'average_ttft_delta_ms' }).Mean | Should -BeLessThan 0
    }
}
