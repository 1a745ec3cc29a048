# Measure-BenchmarkMetrics: what users see from samples, reports, metrics, files and paths.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    function New-Sample {
        param(
            [string] $Metric = 'TtftMs', [double] $Value, [string] $Unit = 'ms', [string] $Model = 'llama3.1:8b',
            [string] $Configuration = 'num_ctx=1024', [string] $Phase = 'Warm', [string] $Source = '/data/run.csv',
            [string] $Record, [switch] $Failed, [string] $ErrorText, [string] $Statistic = 'Sample'
        )
        [pscustomobject]@{
            PSTypeName    = 'Chimera.Insight.BenchmarkSample'
            Metric        = $Metric
            Value         = $Value
            Unit          = $Unit
            Statistic     = $Statistic
            Model         = $Model
            Backend       = 'ollama'
            Configuration = $Configuration
            Phase         = $Phase
            Failed        = [bool] $Failed
            Error         = $ErrorText
            Source        = $Source
            Location      = "row $Record"
            Record        = $Record
        }
    }

    function New-Series([string] $Metric, [double[]] $Values, [string] $Unit = 'ms', [string] $Source = '/data/run.csv',
        [string] $Configuration = 'num_ctx=1024', [string] $Phase = 'Warm', [string] $Model = 'llama3.1:8b') {
        $i = 0
        foreach ($v in $Values) {
            $i++
            New-Sample -Metric $Metric -Value $v -Unit $Unit -Source $Source -Configuration $Configuration -Phase $Phase -Record "$Phase$i" -Model $Model
        }
    }

    function ConvertTo-Deserialized($InputObject) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject))
    }

    # Worked out by hand with numpy's linear definition: sorted 1.25 3 4.5 7.25 8 9.75 11 12.5 15.5 20.
    $script:known = 12.5, 7.25, 3.0, 9.75, 20.0, 15.5, 1.25, 8.0, 11.0, 4.5
}

Describe 'Measure-BenchmarkMetrics' {
    Context 'statistics from samples' {
        It 'emits one BenchmarkMetric per metric and group with numpy-linear percentiles' {
            $metric = New-Series TtftMs $known | Measure-BenchmarkMetrics -Percentile 75, 99.9

            @($metric).Count | Should -Be 1
            $metric.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkMetric'
            $metric.Count | Should -Be 10
            $metric.Mean | Should -Be 9.275
            $metric.P50 | Should -Be 8.875
            [math]::Round($metric.P90, 10) | Should -Be 15.95
            [math]::Round($metric.P95, 10) | Should -Be 17.975
            [math]::Round($metric.P99, 10) | Should -Be 19.595
            [math]::Round($metric.StdDev, 10) | Should -Be 5.7704347034
            $metric.Percentiles.Percentile | Should -Be @(75, 99.9)
            [math]::Round($metric.Percentiles[1].Value, 10) | Should -Be 19.9595
            $metric.Values.Count | Should -Be 10
            $metric.Origin | Should -Be 'Measured'
        }

        It 'counts failed runs without averaging them, and keeps an all-failed group with Count 0' {
            $samples = @(
                New-Series TokensPerSecond 77.5, 78.5 -Unit 'tok/s'
                New-Sample -Metric TokensPerSecond -Value 0 -Unit 'tok/s' -Record 'f1' -Failed -ErrorText 'timeout'
                New-Sample -Metric TokensPerSecond -Value 0 -Unit 'tok/s' -Configuration 'num_ctx=8192' -Record 'f2' -Failed -ErrorText 'out of memory'
            )

            $metrics = $samples | Measure-BenchmarkMetrics

            $ok = $metrics | Where-Object Configuration -eq 'num_ctx=1024'
            $ok.Count | Should -Be 2
            $ok.FailedCount | Should -Be 1
            $ok.Mean | Should -Be 78
            $failed = $metrics | Where-Object Configuration -eq 'num_ctx=8192'
            $failed.Count | Should -Be 0
            $failed.FailedCount | Should -Be 1
            $failed.Mean | Should -BeNullOrEmpty
            $failed.TopError | Should -Be 'out of memory'
        }

        It 'keeps cold and warm apart by default' {
            $metrics = @(New-Series TtftMs 2300 -Phase Cold; New-Series TtftMs 130, 128, 135) | Measure-BenchmarkMetrics

            $metrics.Count | Should -Be 2
            ($metrics | Where-Object Phase -eq 'Cold').Mean | Should -Be 2300
            ($metrics | Where-Object Phase -eq 'Warm').Count | Should -Be 3
        }

        It 'warns when -GroupBy leaves Phase out and cold and warm values are pooled' {
            $metric = @(New-Series TtftMs 2300 -Phase Cold; New-Series TtftMs 130, 128) |
                Measure-BenchmarkMetrics -GroupBy Model -WarningVariable warnings -WarningAction SilentlyContinue

            $metric.ColdCount | Should -Be 1
            $metric.Phase | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'cold'
        }

        It 'keeps reported figures apart from measured ones' {
            $samples = @(
                New-Series LatencyMs 10, 12, 14
                New-Sample -Metric LatencyMs -Value 24.6 -Statistic Mean -Source '/data/kernel.json' -Record k
            )

            $metrics = $samples | Measure-BenchmarkMetrics

            $metrics.Count | Should -Be 2
            ($metrics | Where-Object Origin -eq 'Measured').Mean | Should -Be 12
            $reported = $metrics | Where-Object Origin -eq 'Reported'
            $reported.Statistic | Should -Be 'Mean'
            $reported.Mean | Should -Be 24.6
        }

        It 'counts the same records exported twice once, and says so' {
            $samples = @(
                New-Series TtftMs 86.5, 83.0, 89.3 -Source '/data/run.csv'
                New-Series TtftMs 86.5, 83.0, 89.3 -Source '/data/run.json'
            )

            $metric = $samples | Measure-BenchmarkMetrics -WarningVariable warnings -WarningAction SilentlyContinue

            $metric.Count | Should -Be 3
            $metric.RedundantSources | Should -Be '/data/run.csv = /data/run.json'
            "$warnings" | Should -Match 'run\.json.*run\.csv'
        }

        It 'writes an InvalidBenchmarkData error naming file and location for NaN, infinite and negative times, and carries on' {
            $samples = @(
                New-Sample -Value 100 -Record 1
                New-Sample -Value ([double]::NaN) -Record 2
                New-Sample -Value -5 -Record 3 -Source '/data/bad.csv'
            )

            $metric = $samples | Measure-BenchmarkMetrics -ErrorVariable problems -ErrorAction SilentlyContinue

            $metric.Count | Should -Be 1
            $metric.Mean | Should -Be 100
            $problems.Count | Should -Be 2
            $problems.FullyQualifiedErrorId | Select-Object -Unique | Should -Match '^InvalidBenchmarkData'
            $negative = $problems | Where-Object TargetObject -eq '/data/bad.csv'
            "$negative" | Should -Match 'row 3'
            "$negative" | Should -Match 'negative'
        }

        It 'stops on a bad value with -ErrorAction Stop' {
            { New-Sample -Value ([double]::NaN) -Record 1 | Measure-BenchmarkMetrics -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidBenchmarkData,Chimera.Insight.Commands.MeasureBenchmarkMetricsCommand'
        }

        It 'filters metrics with wildcards and groups by source' {
            $samples = @(
                New-Series TtftMs 1, 2 -Source '/a.csv'
                New-Series TtftMs 3, 4 -Source '/b.csv'
                New-Series TokensPerSecond 70, 71 -Unit 'tok/s' -Source '/a.csv'
            )

            $metrics = $samples | Measure-BenchmarkMetrics -Metric 'ttft*' -GroupBy Source, Phase

            $metrics.Count | Should -Be 2
            $metrics.Source | Should -Be @('/a.csv', '/b.csv')
            $metrics.Model | Where-Object { $_ } | Should -BeNullOrEmpty
        }

        It 'refuses an unknown -GroupBy key' {
            { New-Sample -Value 1 -Record 1 | Measure-BenchmarkMetrics -GroupBy Colour } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        }

        It 'summarises the distinct sources as the inventory when only samples were given' {
            $metric = @(New-Series TtftMs 1, 2 -Source '/x/a.csv'; New-Series TtftMs 3 -Source '/x/b.json') | Measure-BenchmarkMetrics
            $metric.Inventory.FileCount | Should -Be 2
            @($metric.Inventory.Kinds).Count | Should -Be 2
        }

        It 'is not thrown off by a de-DE culture' {
            $previous = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = 'de-DE'
                $sample = New-Sample -Value 1.5 -Record 1
                $sample.Value = '1.5'  # text, as a hand-made CSV would give it
                $metric = @($sample; New-Sample -Value -2.5 -Record 2) | Measure-BenchmarkMetrics -ErrorVariable problems -ErrorAction SilentlyContinue
                $metric.Mean | Should -Be 1.5
                "$problems" | Should -Match '-2\.5'
            }
            finally {
                [cultureinfo]::CurrentCulture = $previous
            }
        }
    }

    Context 'deserialized input' {
        It 'measures deserialized samples exactly as the originals' {
            $samples = New-Series TtftMs $known
            $live = $samples | Measure-BenchmarkMetrics
            $copy = ConvertTo-Deserialized $samples | Measure-BenchmarkMetrics

            $copy.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkMetric'
            foreach ($name in 'Count', 'Mean', 'StdDev', 'Min', 'P50', 'P90', 'P95', 'P99', 'Max', 'CV') {
                $copy.$name | Should -Be $live.$name -Because $name
            }
        }

        It 'measures metrics that came back from Start-Job exactly as local ones' {
            $samples = @(New-Series TtftMs $known; New-Sample -Value 0 -Record x -Failed -ErrorText 'timeout')
            $local = $samples | Measure-BenchmarkMetrics
            $fromJob = Start-Job -ScriptBlock {
                param($module, $samples)
                Import-Module $module
                $samples | Measure-BenchmarkMetrics
            } -ArgumentList $env:CHIMERA_INSIGHT_MODULE, $samples | Receive-Job -Wait -AutoRemoveJob

            $fromJob.PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkMetric'
            $again = $fromJob | Measure-BenchmarkMetrics
            foreach ($name in 'Count', 'FailedCount', 'Mean', 'StdDev', 'P50', 'P95', 'P99', 'CV', 'TopError') {
                $again.$name | Should -Be $local.$name -Because $name
            }
            $again.Values | Should -Be $local.Values
        }

        It 'draws the same findings from deserialized metrics' {
            $metrics = @(
                New-Series TokensPerSecond 78.4, 78.5, 78.3 -Unit 'tok/s'
                New-Series TokensPerSecond 46.5, 46.6, 46.7 -Unit 'tok/s' -Configuration 'num_ctx=8192' -Source '/b.csv'
            ) | Measure-BenchmarkMetrics

            $live = $metrics | Measure-BenchmarkMetrics -Findings
            $copy = ConvertTo-Deserialized $metrics | Measure-BenchmarkMetrics -Findings

            $copy.Text | Should -Be $live.Text
        }
    }

    Context 'reports and findings' {
        It 'counts the LLM timings of InsightReport objects as samples under their model and configuration' {
            $reports = 1..3 | ForEach-Object {
                [pscustomobject]@{
                    PSTypeName      = 'Chimera.Insight.InsightReport'
                    AgentType       = 'Chimera Insight'
                    Run             = $_
                    Model           = 'gemma3:latest'
                    Provider        = 'Ollama'
                    Configuration   = 'num_ctx=4096'
                    GeneratedAt     = [datetime]'2025-10-01T10:00:00Z'
                    TtftMs          = 100 + $_
                    TokensPerSecond = 50
                    LoadDurationMs  = 20
                    Complete        = $true
                }
            }

            $metrics = $reports | Measure-BenchmarkMetrics -Metric TtftMs, TokensPerSecond

            $ttft = $metrics | Where-Object Metric -eq 'TtftMs'
            $ttft.Model | Should -Be 'gemma3:latest'
            $ttft.Configuration | Should -Be 'num_ctx=4096'
            $ttft.Count | Should -Be 3
            $ttft.Mean | Should -Be 102
        }

        It '-Findings emits Finding objects with their figures instead of metrics' {
            $findings = @(
                New-Series TtftMs 5766.9 -Phase Cold -Source '/s.csv'
                New-Series TtftMs 86.5, 83.0, 89.3 -Source '/u.csv'
            ) | Measure-BenchmarkMetrics -Findings

            $findings.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.Finding'
            $penalty = $findings | Where-Object Kind -eq 'ColdStartPenalty'
            ($penalty.Figures | Where-Object Name -eq 'WarmMedian').Value | Should -Be 86.5
            $penalty.Text | Should -Match '5766\.90 ms'
        }
    }

    Context 'paths that hold no benchmark data' {
        It 'writes PathNotFound for a path that does not exist, and carries on' {
            $result = Measure-BenchmarkMetrics -Path (Join-Path $TestDrive 'missing-*.csv'), (Join-Path $TestDrive 'nope.csv') -ErrorVariable problems -ErrorAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            $problems.Count | Should -Be 2
            $problems.FullyQualifiedErrorId | Select-Object -Unique | Should -Match '^PathNotFound'
        }

        It 'passes over a file that is not a benchmark artifact with a warning' {
            $notes = Join-Path $TestDrive 'notes.txt'
            Set-Content -LiteralPath $notes -Value 'hello'
            $result = Measure-BenchmarkMetrics -LiteralPath $notes -WarningVariable warnings -WarningAction SilentlyContinue
            $result | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'notes\.txt.*not a benchmark artifact'
        }

        It 'refuses input it cannot measure with UnsupportedInput, naming what it takes' {
            [pscustomobject]@{ Colour = 'blue' } | Measure-BenchmarkMetrics -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.FullyQualifiedErrorId | Should -Match '^UnsupportedInput'
        }
    }

    Context 'formatting and help' {
        It 'shows metrics as a table, live and deserialized' {
            $metric = New-Series TtftMs 100, 200 | Measure-BenchmarkMetrics
            $text = $metric | Out-String -Width 120
            $text | Should -Match 'Model\s+Configuration\s+Phase\s+Metric\s+Count\s+Mean\s+P50\s+P95\s+CV%\s+Unit'
            $text | Should -Match 'TTFT\s+2\s+150\s+150\s+195\s+47 ms'
            (ConvertTo-Deserialized $metric | Out-String -Width 120) | Should -Match 'TTFT\s+2\s+150'
            ($metric | Format-List * | Out-String -Width 120) | Should -Match 'TtftMs'
        }

        It 'fits 80 columns with every figure, the quantization of models that differ by it in view' {
            $metrics = 'q4_0', 'q8_0' | ForEach-Object {
                New-Series TokensPerSecond 70, 71, 72 -Unit 'tok/s' -Model "llama3.1:8b-instruct-$_" -Source "/$_.csv"
            } | Measure-BenchmarkMetrics
            $lines = ($metrics | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
            ($lines | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
            $lines[0] | Should -Match 'Count\s+Mean\s+P50\s+P95\s+CV%\s+Unit'
            ($lines -join "`n") | Should -Match 'q4_0.*Tokens/s\s+3\s+71\s+71\s+71\.9\s+1 tok/s'
            ($lines -join "`n") | Should -Match 'q8_0'
        }

        It 'shows findings with their text' {
            $text = New-Series TtftMs 10, 50, 90, 130 | Measure-BenchmarkMetrics -Findings | Out-String -Width 200
            $text | Should -Match 'HighVariance'
            $text | Should -Match 'CV'
        }

        It 'states the quantile definition in its help' {
            (Get-Help Measure-BenchmarkMetrics -Full | Out-String) | Should -Match 'type 7'
        }
    }

    Context 'files and paths' {
        BeforeAll {
            $header = '"timestamp","model","num_gpu","num_ctx","temperature","ttft_s","tokens_s","load_s","error"'
            $rows = @(
                '"2025-09-30T20:11:35","llama3.1:8b","999","1024","0.4","0.100","77.0","0.08",""'
                '"2025-09-30T20:11:36","llama3.1:8b","999","1024","0.8","0.110","78.0","0.08",""'
                '"2025-09-30T20:11:37","llama3.1:8b","999","1024","0.2","0.120","79.0","0.08",""'
            )
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'runs') -Force
            Set-Content -LiteralPath (Join-Path $folder 'sweep.csv') -Value (@($header) + $rows)
            $copyFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'copy') -Force
            Copy-Item (Join-Path $folder 'sweep.csv') $copyFolder
        }

        It 'reads files from -Path and measures them' {
            $metrics = Measure-BenchmarkMetrics -Path (Join-Path $TestDrive 'runs/*.csv') -Metric TokensPerSecond -GroupBy Model
            $metrics.Count | Should -Be 3
            $metrics.Mean | Should -Be 78
            $metrics.Inventory.FileCount | Should -Be 1
        }

        It 'counts a copied file once' {
            $metrics = Measure-BenchmarkMetrics -Path $TestDrive -Metric TokensPerSecond -GroupBy Model -WarningVariable warnings -WarningAction SilentlyContinue
            $metrics.Count | Should -Be 3
            "$warnings" | Should -Match 'sweep\.csv'
        }

        It 'takes FileInfo objects from Get-ChildItem' {
            $metrics = Get-ChildItem (Join-Path $TestDrive 'runs') -Filter *.csv | Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model
            $metrics.Count | Should -Be 3
            $metrics.Sources | Should -Match 'sweep\.csv$'
        }

        It 'takes files from Get-BenchmarkInventory' {
            $metrics = Get-BenchmarkInventory $TestDrive | Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model -WarningAction SilentlyContinue
            $metrics.Count | Should -Be 3
            $metrics.DuplicateSources.Count | Should -Be 1
        }

        It 'takes a collection given to -InputObject item by item, as the pipeline gives it' {
            $files = Get-BenchmarkInventory $TestDrive
            $named = Measure-BenchmarkMetrics -InputObject $files -Metric TokensPerSecond -GroupBy Model -WarningAction SilentlyContinue
            $piped = $files | Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model -WarningAction SilentlyContinue
            $named.Count | Should -Be 3
            ($named | ForEach-Object { "$($_.Model) $($_.Count) $($_.Mean)" }) | Should -Be ($piped | ForEach-Object { "$($_.Model) $($_.Count) $($_.Mean)" })
            $named.DuplicateSources.Count | Should -Be 1
        }

        It 'measures the bytes the inventory hashed when both stand in one pipeline; a stored inventory is read again' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'lent') -Force
            $file = Join-Path $folder 'sweep.csv'
            $changed = @($header) + ($rows -replace '"7(\d)\.0"', '"9$1.0"')
            Set-Content -LiteralPath $file -Value (@($header) + $rows)

            # The file changes after the inventory read it, before the measurement: the figures still match its ContentHash.
            $live = Get-BenchmarkInventory $folder |
                ForEach-Object { Set-Content -LiteralPath $file -Value $changed; $_ } |
                Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model
            $live.Mean | Should -Be 78

            Set-Content -LiteralPath $file -Value (@($header) + $rows)
            $stored = Get-BenchmarkInventory $folder
            Set-Content -LiteralPath $file -Value $changed
            ($stored | Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model).Mean | Should -Be 98
            Remove-Item -LiteralPath $folder -Recurse
        }
        It 'passes over a FIFO in a folder given to -Path, as the pipeline from Get-BenchmarkInventory does' -Skip:$IsWindows {
            $fifoFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'fifo-runs') -Force
            Copy-Item (Join-Path $TestDrive 'runs/sweep.csv') $fifoFolder
            mkfifo (Join-Path $fifoFolder 'pipe.csv')
            # In a job, so that a FIFO opened by mistake fails this test instead of blocking the run.
            $job = Start-Job {
                Import-Module $using:env:CHIMERA_INSIGHT_MODULE
                $viaPath = @(Measure-BenchmarkMetrics -Path $using:fifoFolder -Metric TokensPerSecond -GroupBy Model -ErrorVariable pathErrors -ErrorAction SilentlyContinue)
                $viaPipeline = @(Get-BenchmarkInventory $using:fifoFolder -ErrorVariable pipeErrors -ErrorAction SilentlyContinue |
                    Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model)
                [pscustomobject]@{
                    PathMean = $viaPath.Mean; PipelineMean = $viaPipeline.Mean
                    PathErrors = @($pathErrors | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',.*') $($_.Exception.Message)" })
                    PipelineErrors = @($pipeErrors | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',.*') $($_.Exception.Message)" })
                    PathHashes = $viaPath[0].Inventory.DuplicateGroups.Count
                }
            }
            $done = $job | Wait-Job -Timeout 60
            if (-not $done) { $job | Stop-Job; $job | Remove-Job -Force }
            $done | Should -Not -BeNullOrEmpty -Because 'opening the FIFO would block'
            $result = $job | Receive-Job
            $job | Remove-Job
            $result.PathMean | Should -Be 78
            $result.PipelineMean | Should -Be 78
            $result.PathErrors | Should -Be $result.PipelineErrors
            "$($result.PathErrors)" | Should -Match '^NotARegularFile .*pipe\.csv.*FIFO'
        }

        It 'hashes the files a folder given to -Path holds, so copies show in the inventory' {
            $metrics = Measure-BenchmarkMetrics -Path $TestDrive -Metric TokensPerSecond -GroupBy Model -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
            $piped = Get-BenchmarkInventory $TestDrive -ErrorAction SilentlyContinue |
                Measure-BenchmarkMetrics -Metric TokensPerSecond -GroupBy Model -WarningAction SilentlyContinue
            @($metrics[0].Inventory.DuplicateGroups).Count | Should -BeGreaterThan 0
            @($metrics[0].Inventory.DuplicateGroups).Count | Should -Be @($piped[0].Inventory.DuplicateGroups).Count
        }

        It 'takes a metric-shaped object as a metric, the same as Test-InsightGrounding does' {
            $bag = [pscustomobject]@{ Metric = 'TtftMs'; Unit = 'ms'; Count = 3; P50 = 120 }
            $measured = @($bag | Measure-BenchmarkMetrics -ErrorVariable problems -ErrorAction SilentlyContinue)
            $problems | Should -BeNullOrEmpty
            $measured.Metric | Should -Be 'TtftMs'
            ($bag | Test-InsightGrounding -Text 'TTFT p50 was 120 ms.').Grounded.Count | Should -Be 1
        }

        It 'refuses the same object the same way in every cmdlet, naming what each takes' {
            $odd = [pscustomobject]@{ Colour = 'blue' }
            $odd | Measure-BenchmarkMetrics -ErrorVariable m -ErrorAction SilentlyContinue
            $odd | Test-InsightGrounding -Text 'x 1 ms' -ErrorVariable t -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $odd | Export-InsightReport -Path (Join-Path $TestDrive 'odd.md') -ErrorVariable e -ErrorAction SilentlyContinue
            foreach ($record in @($m[0], $t[0], $e[0])) {
                $record.FullyQualifiedErrorId | Should -BeLike 'UnsupportedInput,*'
                $record.Exception.Message | Should -Match "does not take input of type 'System.Management.Automation.PSCustomObject': it takes .+"
            }
            $m[0].Exception.Message | Should -Match 'Measure-BenchmarkMetrics .*metrics \(BenchmarkMetric\)'
            $e[0].Exception.Message | Should -Match 'Export-InsightReport .*reports \(InsightReport\) and comparisons'
        }
    }
}
