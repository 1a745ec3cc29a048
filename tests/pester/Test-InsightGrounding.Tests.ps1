# Test-InsightGrounding: which figures in a text the data supports.
Describe 'Test-InsightGrounding' {
    BeforeAll {
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

        function New-Metric([string] $Metric, [string] $Unit, [string] $Model, [string] $Phase, [double] $Mean, [double] $P50, [double] $P95, [int] $Count, [int] $Failed = 0) {
            $object = [pscustomobject]@{
                Metric = $Metric; Unit = $Unit; Origin = 'Measured'; Model = $Model; Backend = 'ollama'
                Configuration = 'num_gpu=80, num_ctx=512, temperature=1'; NumGpu = 80; NumCtx = 512; Temperature = 1
                Phase = $Phase; Count = $Count; FailedCount = $Failed; Mean = $Mean; P50 = $P50; P95 = $P95
                StdDev = $Mean / 50; CV = 2
            }
            $object.PSObject.TypeNames.Insert(0, 'Chimera.Insight.BenchmarkMetric')
            $object
        }

        $script:metrics = @(
            New-Metric TokensPerSecond 'tok/s' 'gemma3:270m' Warm 108.05 107.92 111.37 20
            New-Metric TokensPerSecond 'tok/s' 'llama3.1:8b-instruct-q4_0' Warm 76.59 76.88 77.71 18 2
            New-Metric TtftMs 'ms' 'gemma3:270m' Warm 589.98 577.4 655.1 20
            New-Metric TtftMs 'ms' 'gemma3:270m' Cold 2301.4 2290 2455.9 3
        )
        $script:finding = [pscustomobject]@{
            Kind = 'ColdStartPenalty'; Severity = 'Warning'; Model = 'gemma3:270m'; Subject = 'TtftMs'
            Text = 'The first request after a load takes 2301.4 ms against 589.98 ms warm.'
            Figures = @([pscustomobject]@{ Name = 'Ratio'; Value = 3.9; Unit = 'x' })
        }
    }

    It 'grounds true figures (rounded, converted) and flags exactly the invented ones' {
        $text = 'gemma3:270m reaches **108 tok/s** with a TTFT of **0.59 s**; llama3.1:8b-instruct-q4_0 peaks at 131.2 tok/s; a cold start of gemma3:270m costs 2.3 s, 3.9x the warm TTFT, while p95 TTFT is 812 ms.'
        $result = $metrics + $finding | Test-InsightGrounding -Text $text

        $result.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.GroundingResult'
        @($result.Ungrounded.Text) | Should -Be @('131.2 tok/s', '812 ms')
        @($result.Grounded.Text) | Should -Be @('108 tok/s', '0.59 s', '2.3 s', '3.9x')
        $result.GroundedRatio | Should -Be (4 / 6)
    }

    It 'flags every invented figure of a seed-like table' {
        $text = @'
| Metric | Average Value | Standard Deviation |
| --- | --- | --- |
| TTFT_S (Tokens Per Second) | 14.24 | 3.21 |
| Latency Percentile (P95) | 15.58 | 1.83 |
'@
        $result = Test-InsightGrounding -Text $text -Metric $metrics
        @($result.Ungrounded.Value) | Should -Be @(14.24, 3.21, 15.58, 1.83)
        $result.Ungrounded[0].Line | Should -Be 3
        $result.Ungrounded[0].Column | Should -Be 32
    }

    It 'accepts metrics that came back deserialized' {
        $deserialized = $metrics | ForEach-Object {
            [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_))
        }
        $deserialized[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkMetric'
        $result = $deserialized | Test-InsightGrounding -Text 'Throughput was 108.05 tok/s.'
        $result.GroundedRatio | Should -Be 1
    }

    It 'checks files given with -Path, one result each with its source' {
        Set-Content -Path (Join-Path $TestDrive 'a.md') -Value 'Throughput: 108.05 tok/s.'
        Set-Content -Path (Join-Path $TestDrive 'b.md') -Value 'Throughput: 999 tok/s.'
        $results = @($metrics | Test-InsightGrounding -Path (Join-Path $TestDrive '*.md'))

        $results.Count | Should -Be 2
        ($results | Where-Object { $_.Source -like '*a.md' }).GroundedRatio | Should -Be 1
        ($results | Where-Object { $_.Source -like '*b.md' }).Ungrounded[0].Text | Should -Be '999 tok/s'
    }

    It 'writes an error naming a missing file and carries on' {
        Set-Content -Path (Join-Path $TestDrive 'ok.md') -Value 'Throughput: 108.05 tok/s.'
        $results = @($metrics | Test-InsightGrounding -Path (Join-Path $TestDrive 'missing.md'), (Join-Path $TestDrive 'ok.md') -ErrorVariable problems -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'FileNotFound*'
        "$($problems[0])" | Should -BeLike '*missing.md*'
    }

    It 'checks a piped report''s narrative against its own facts' {
        $report = [pscustomobject]@{
            AgentType = 'Chimera Insight'; Provider = 'Ollama'; Model = 'gemma3:latest'; Run = 1
            Text = 'The call ran at **108.05 tok/s**, its own TTFT was 589.98 ms and it produced 2253 tokens, not 3000 tokens.'
            Metrics = $metrics; TtftMs = 589.98; TokensPerSecond = 108.05; TokensGenerated = 2253
        }
        $result = $report | Test-InsightGrounding
        @($result.Ungrounded.Text) | Should -Be @('3000 tokens')
        $result.Source | Should -BeLike 'report run 1*'
    }

    It 'takes samples, comparisons and inventory summaries as facts by property name' {
        $sample = [pscustomobject]@{ Metric = 'TtftMs'; Value = 2301.4; Unit = 'ms'; Statistic = 'Sample'; Source = '/lab/run.csv'; Phase = 'Cold'; Failed = $false }
        $comparison = [pscustomobject]@{ Metric = 'TokensPerSecond'; Unit = 'tok/s'; ReferenceMean = 100; DifferenceMean = 112.5; DeltaPercent = 12.5; Verdict = 'Better'; Status = 'Matched' }
        $inventory = [pscustomobject]@{ FileCount = 101; Kinds = @([pscustomobject]@{ Kind = 'Json'; Count = 44; SharePercent = 43.6 }) }
        $result = $sample, $comparison, $inventory | Test-InsightGrounding -Text 'Cold TTFT 2.3 s; throughput up 12.5%; 101 files, 44 JSON (43.6%), not 102 files.'
        @($result.Ungrounded.Text) | Should -Be @('102 files')
    }

    It 'writes an error for input that gives no facts' {
        $result = 42, $metrics[0] | Test-InsightGrounding -Text '108.05 tok/s' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInput*'
        $result.GroundedRatio | Should -Be 1
    }

    It 'warns when no facts were given' {
        $result = Test-InsightGrounding -Text 'Throughput 108 tok/s' -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $result.GroundedRatio | Should -Be 0
    }

    It 'fails a scheduled task on a contradicted figure with -FailOnUngrounded, after writing the results' {
        $failure = $null
        try { $metrics | Test-InsightGrounding -Text 'gemma3:270m: 108.05 tok/s; llama3.1:8b-instruct-q4_0: 108.05 tok/s.' -FailOnUngrounded -OutVariable written | Out-Null }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'FigureContradicted*'
        $failure.Exception.Message | Should -Match "'108\.05 tok/s' on line 1 \(OtherSubject\)"
        @($written).Count | Should -Be 1
        @($written[0].Ungrounded).Reason | Should -Be 'OtherSubject'
        { $metrics | Test-InsightGrounding -Text 'gemma3:270m: 108.05 tok/s.' -FailOnUngrounded -ErrorAction Stop } | Should -Not -Throw
    }

    It 'stops when there is nothing to check' {
        { $metrics | Test-InsightGrounding -ErrorAction Stop } | Should -Throw -ErrorId 'NothingToCheck*'
    }

    It 'formats results as a table with the ungrounded figures and where they stand' {
        $text = ($metrics | Test-InsightGrounding -Text 'TTFT 0.59 s, throughput 131.2 tok/s' | Out-String)
        $text | Should -Match 'GroundedRatio'
        $text | Should -Match '50\.0%'
        $text | Should -Match '131\.2 tok/s \(1:'
        $figures = ($metrics | Test-InsightGrounding -Text 'TTFT 0.59 s; the mean TTFT of gemma3:270m was 655.1 ms').Figures | Out-String -Width 200
        foreach ($column in 'Text', 'Subject', 'Metric', 'Statistic', 'Verdict', 'Reason', 'Expected') { $figures | Should -Match $column }
        $figures | Should -Match 'OtherStatistic'
        $figures | Should -Match '590\.0 ms'
    }

    It 'ignores numbering, dates, model tags, statistic names and file names' {
        $text = "## 2. Results`n1. On 2025-11-15 gemma3:270m and llama3.1:8b-instruct-q4_0 in conv_bench_20251002-170837.json, P95 and p99."
        (Test-InsightGrounding -Text $text -Metric $metrics).Figures.Count | Should -Be 0
    }

    It 'has help with an example' {
        (Get-Help Test-InsightGrounding).Examples.Example.Count | Should -BeGreaterThan 0
    }
}
