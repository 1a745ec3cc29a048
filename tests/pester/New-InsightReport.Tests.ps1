# New-InsightReport against the Ollama-protocol test server: the report, its timings, its faults.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    . (Join-Path $PSScriptRoot 'OllamaTestServer.ps1')

    $corpus = Join-Path $TestDrive 'corpus'
    New-Item -ItemType Directory -Path $corpus -Force | Out-Null
    $rows = @('model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,error')
    $rows += 'gemma3:latest,80,2048,0.8,2.31,101.5,2.2,'
    foreach ($i in 0..8) { $rows += "gemma3:latest,80,2048,0.8,0.1$i,10$i.25,0.05," }
    $rows += 'gemma3:latest,80,2048,0.8,0,0,0,HTTP 500: runner stopped'
    Set-Content -Path (Join-Path $corpus 'sweep_20251002-170837.csv') -Value $rows
    $metrics = @(Measure-BenchmarkMetrics -Path $corpus -WarningAction SilentlyContinue)

    $server = Start-OllamaTestServer -ArgumentList '--token-rate', '2000', '--tokens', '30'
    $uri = $server.Uri
}

AfterAll {
    if ($server) { Stop-OllamaTestServer $server }
}

Describe 'New-InsightReport against an Ollama server' {
    BeforeAll {
        Clear-OllamaTestServerLog $server
        $report = $metrics | New-InsightReport -OllamaUri $uri -Model gemma3:latest -NumCtx 8192 -NumGpu 80 -Temperature 0.3 -TopK 20 -Seed 7 -Options @{ num_batch = 256 } -WarningVariable warnings -WarningAction SilentlyContinue
        $generate = @(Get-OllamaTestServerLog $server | Where-Object Path -in '/api/generate', '/api/chat')
    }

    It 'returns one complete report written by Ollama' {
        @($report).Count | Should -Be 1
        $report.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.InsightReport'
        $report.Provider | Should -Be 'Ollama'
        $report.Complete | Should -BeTrue
        $report.Text | Should -Not -BeNullOrEmpty
        $report.Model | Should -Be 'gemma3:latest'
        $report.OllamaVersion | Should -Not -BeNullOrEmpty
    }

    It 'makes exactly one LLM call, with the options on the wire as given' {
        $generate.Count | Should -Be 1
        $options = $generate[0].bodyJson.options
        $options.num_ctx | Should -Be 8192
        $options.num_gpu | Should -Be 80
        $options.temperature | Should -Be 0.3
        $options.top_k | Should -Be 20
        $options.seed | Should -Be 7
        $options.num_batch | Should -Be 256
    }

    It 'sends the fact sheet, not raw file contents, with the persona as system prompt' {
        $body = $generate[0].body
        $body | Should -Match 'InsightAgent'
        $body | Should -Not -Match 'HTTP 500: runner stopped,'
        $body | Should -Not -Match 'ttft_s,tokens_s'
    }

    It 'takes the durations and counts from the done chunk (ns -> ms)' {
        $done = $generate[0].doneChunk
        $report.LoadDurationMs | Should -Be ($done.load_duration / 1e6)
        $report.EvalDurationMs | Should -Be ($done.eval_duration / 1e6)
        $report.PromptEvalDurationMs | Should -Be ($done.prompt_eval_duration / 1e6)
        $report.TotalDurationMs | Should -Be ($done.total_duration / 1e6)
        $report.TokensGenerated | Should -Be $done.eval_count
        $report.PromptTokens | Should -Be $done.prompt_eval_count
        $report.TokensPerSecond | Should -BeGreaterThan ($done.eval_count / ($done.eval_duration / 1e9) - 0.01)
        $report.TokensPerSecond | Should -BeLessThan ($done.eval_count / ($done.eval_duration / 1e9) + 0.01)
        $report.DoneReason | Should -Be 'stop'
    }

    It 'measures TTFT on the client, no earlier than the server sent its first chunk' {
        $report.TtftMs | Should -BeGreaterOrEqual ($generate[0].firstChunkMs - 1)
    }

    It 'reports the workflow''s timings and what was analysed' {
        $report.IngestSeconds | Should -BeGreaterThan 0
        $report.ReportSeconds | Should -BeGreaterThan 0
        $report.TotalSeconds | Should -BeGreaterOrEqual ($report.IngestSeconds + $report.ReportSeconds)
        $report.FilesAnalyzed | Should -Be 1
        $report.GpuOffloadPercent | Should -Be 100
        $report.ContextLength | Should -Be 8192
        $report.PromptFitsContext | Should -BeTrue
    }

    It 'lays the Markdown out as the seed report did' {
        $md = $report.Markdown
        $md | Should -Match '(?m)^# Chimera Insight'
        $md | Should -Match '\*\*Configuration:\*\* num_gpu=80, num_ctx=8192, temp=0\.3'
        $headings = [regex]::Matches($md, '(?m)^## (Workflow Summary|Metrics|Key Findings|Recommendations|Persona Prompt)$') | ForEach-Object { $_.Groups[1].Value }
        $headings | Should -Be @('Workflow Summary', 'Metrics', 'Key Findings', 'Recommendations', 'Persona Prompt')
        $md | Should -Match ('- TTFT: ' + [regex]::Escape($report.TtftMs.ToString('0.00', [cultureinfo]::InvariantCulture)) + ' ms')
    }

    It 'checks every figure of the narrative: a true one passes, an invented one is listed in the document' {
        $talker = Start-OllamaTestServer -ArgumentList '--token-rate', '2000', '--tokens', '8', '--text', 'Warm throughput averaged 104.25 tok/s, not 131.2 tok/s.'
        try {
            $checked = $metrics | New-InsightReport -OllamaUri $talker.Uri -WarningAction SilentlyContinue
        }
        finally {
            Stop-OllamaTestServer $talker
        }
        $checked.Text | Should -Be 'Warm throughput averaged 104.25 tok/s, not 131.2 tok/s.'
        @($checked.Grounding.Grounded.Text) | Should -Be @('104.25 tok/s')
        @($checked.Grounding.Ungrounded.Text) | Should -Be @('131.2 tok/s')
        $checked.Grounding.GroundedRatio | Should -Be 0.5
        $checked.Markdown | Should -Match '131\.2 tok/s'
    }

    It 'formats as a table' {
        ($report | Out-String) | Should -Match 'Ollama'
    }
}

Describe 'A run setting with no parameter or property of its own (min_p)' {
    It 'goes from a CSV column and from -Options to the groups, the wire, the report and back through Export-Clixml' {
        $folder = Join-Path $TestDrive 'min-p'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Set-Content -Path (Join-Path $folder 'sweep.csv') -Value @(
            'model,num_ctx,min_p,tokens_s', 'gemma3:latest,2048,0.05,77.5', 'gemma3:latest,2048,0.05,78.5', 'gemma3:latest,2048,0.1,70.25')
        $measured = @(Measure-BenchmarkMetrics -Path $folder -Metric TokensPerSecond)
        $measured.Configuration | Should -Be @('num_ctx=2048, min_p=0.05', 'num_ctx=2048, min_p=0.1')
        $measured[0].Settings['min_p'] | Should -Be 0.05

        $file = Join-Path $TestDrive 'min-p.clixml'
        $measured | Export-Clixml -Path $file
        $again = @(Import-Clixml -Path $file | Measure-BenchmarkMetrics)
        $again.Settings.ForEach({ $_['min_p'] }) | Should -Be @(0.05, 0.1)

        Clear-OllamaTestServerLog $server
        $report = $again | New-InsightReport -OllamaUri $uri -Model gemma3:latest -Options @{ min_p = 0.02 } -WarningAction SilentlyContinue
        $sent = @(Get-OllamaTestServerLog $server | Where-Object Path -in '/api/generate', '/api/chat')
        $sent[0].bodyJson.options.min_p | Should -Be 0.02
        $report.Settings['min_p'] | Should -Be 0.02
        $report.Markdown | Should -Match 'repeat_penalty=default, min_p=0\.02'
    }
}

Describe 'New-InsightReport offline and faults' {
    It 'writes offline with a warning naming the address when nothing listens' {
        $dead = "http://127.0.0.1:$(Get-UnusedLoopbackPort)/"
        $r = $metrics | New-InsightReport -OllamaUri $dead -MaxRetries 0 -WarningVariable w -WarningAction SilentlyContinue
        $r.Provider | Should -Be 'Offline'
        $r.Complete | Should -BeTrue
        $r.Text | Should -Not -BeNullOrEmpty
        ($w -join "`n") | Should -Match ([regex]::Escape($dead.TrimEnd('/')))
    }

    It '-Offline never contacts the server' {
        Clear-OllamaTestServerLog $server
        $r = $metrics | New-InsightReport -OllamaUri $uri -Offline
        $r.Provider | Should -Be 'Offline'
        @(Get-OllamaTestServerLog $server).Count | Should -Be 0
    }

    It '-RequireLlm turns an unreachable Ollama into an error for scheduled tasks' {
        $dead = "http://127.0.0.1:$(Get-UnusedLoopbackPort)/"
        $r = $metrics | New-InsightReport -OllamaUri $dead -MaxRetries 0 -RequireLlm -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Match '^OllamaUnreachable'
        { $metrics | New-InsightReport -OllamaUri $dead -MaxRetries 0 -RequireLlm -ErrorAction Stop } | Should -Throw
    }

    It 'says so when the model is not installed: model, host and ollama pull' {
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'nosuch:7b' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^OllamaModelNotFound'
        $e[0].Exception.Message | Should -Match 'nosuch:7b'
        $e[0].Exception.Message | Should -Match '127\.0\.0\.1'
        $e[0].Exception.Message | Should -Match 'ollama pull'
        $r.Complete | Should -BeFalse
    }

    It 'keeps the partial text of a stream that breaks with an error line, and fails' {
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'error-midstream:latest' -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $r.Complete | Should -BeFalse
        $r.Text | Should -Not -BeNullOrEmpty
    }

    It 'treats a stream without its done chunk as a failure, not a short success' {
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'nodone:latest' -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $r.Complete | Should -BeFalse
    }

    It 'passes on the server''s own text for a 500' {
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'crash:latest' -MaxRetries 0 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.Message | Should -Match '500|runner|crash'
    }

    It 'retries 503 busy before any text and then succeeds' {
        Clear-OllamaTestServerLog $server
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'busy-2:latest' -MaxRetries 3 -ErrorAction Stop
        $r.Complete | Should -BeTrue
        @(Get-OllamaTestServerLog $server | Where-Object Path -eq '/api/generate').Count + @(Get-OllamaTestServerLog $server | Where-Object Path -eq '/api/chat').Count | Should -Be 3
    }

    It 'fails a stalled stream after -IdleTimeoutSec' {
        $r = $metrics | New-InsightReport -OllamaUri $uri -Model 'stall-30:latest' -IdleTimeoutSec 1 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^OllamaTimeout'
        $r.Complete | Should -BeFalse
    }

    It 'stops promptly on Ctrl+C during a stalled stream' {
        $ps = [powershell]::Create()
        [void]$ps.AddScript({
                param($module, $uri, $metrics)
                Import-Module $module
                $metrics | New-InsightReport -OllamaUri $uri -Model 'stall-60:latest' -IdleTimeoutSec 120
            }).AddArgument($env:CHIMERA_INSIGHT_MODULE).AddArgument($uri).AddArgument($metrics)
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $async.IsCompleted | Should -BeTrue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.Dispose()
    }
}

Describe 'New-InsightReport context budget' {
    It 'at num_ctx 512 with the default persona warns that the budget does not hold, and sends a prompt that fits' {
        Clear-OllamaTestServerLog $server
        $r = $metrics | New-InsightReport -OllamaUri $uri -NumCtx 512 -WarningVariable w -WarningAction SilentlyContinue
        ($w -join "`n") | Should -Match 'num_ctx 512'
        $r.EstimatedPromptTokens | Should -BeLessOrEqual 512
        $call = @(Get-OllamaTestServerLog $server | Where-Object Path -in '/api/generate', '/api/chat')[0]
        $call.truncated | Should -BeFalse
    }
}

Describe 'New-InsightReport runs, profiles and secrets' {
    It '-Runs 3 writes three reports that measure as samples' {
        $reports = @($metrics | New-InsightReport -OllamaUri $uri -Runs 3)
        $reports.Run | Should -Be @(1, 2, 3)
        $ttft = @($reports | Measure-BenchmarkMetrics -Metric TtftMs -GroupBy Model -WarningAction SilentlyContinue)
        ($ttft | Measure-Object Count -Sum).Sum | Should -Be 3
    }

    It 'compares two profiles over several runs on TTFT and throughput' {
        $b = @($metrics | New-InsightReport -OllamaUri $uri -Profile baseline -Runs 3)
        $c = @($metrics | New-InsightReport -OllamaUri $uri -Profile chimera -Runs 3 -WarningAction SilentlyContinue)
        $b[0].Profile | Should -Be 'baseline'
        $c[0].Configuration | Should -Match 'num_ctx=512'
        $comparison = @(Compare-BenchmarkMetrics $b $c -GroupBy Model -WarningAction SilentlyContinue)
        $comparison.Metric | Should -Contain 'TtftMs'
        $comparison.Metric | Should -Contain 'TokensPerSecond'
    }

    It '-Concurrent writes the profiles side by side and says how they shared the server' {
        $out = @($metrics | New-InsightReport -OllamaUri $uri -Profile baseline, chimera -Concurrent -WarningAction SilentlyContinue)
        @($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Chimera.Insight.InsightReport' }).Count | Should -Be 2
        $summary = $out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Chimera.Insight.ConcurrencySummary' }
        $summary.Participants | Should -Be @('baseline', 'chimera')
        $summary.WallSeconds | Should -BeGreaterThan 0
        $summary.Speedup | Should -BeGreaterThan 0
        ($summary | Out-String) | Should -Match 'baseline \+ chimera'
    }

    It 'sends the API key as a bearer token and shows it nowhere' {
        $key = 'sk-test-very-secret-0042'
        Clear-OllamaTestServerLog $server
        $secure = ConvertTo-SecureString $key -AsPlainText -Force
        $r = $metrics | New-InsightReport -OllamaUri $uri -ApiKey $secure -Verbose -WarningVariable w 4>&1 3>&1 | Tee-Object -Variable all
        $report = $all | Where-Object { $_ -is [psobject] -and $_.PSObject.TypeNames[0] -eq 'Chimera.Insight.InsightReport' }
        (Get-OllamaTestServerLog $server | Where-Object Path -eq '/api/generate' | Select-Object -First 1).headers.Authorization | Should -Be "Bearer $key"
        ($all | Out-String) | Should -Not -Match $key
        ($report | ConvertTo-Json -Depth 6) | Should -Not -Match $key
        ($report.Markdown) | Should -Not -Match $key
    }

    It 'writes eight reports at once from ForEach-Object -Parallel' {
        $module = $env:CHIMERA_INSIGHT_MODULE
        $reports = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $using:metrics | New-InsightReport -OllamaUri $using:uri
        }
        @($reports).Count | Should -Be 8
        @($reports | Where-Object Complete).Count | Should -Be 8
    }
}
