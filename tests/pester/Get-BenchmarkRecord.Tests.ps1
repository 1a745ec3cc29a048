# Get-BenchmarkRecord: one object per run, what the measuring cmdlets count, and the same metrics whichever way a run
# reaches them (its file, its samples, its record live or deserialized).
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    $root = Join-Path $TestDrive 'bench'
    New-Item -ItemType Directory -Path $root -Force | Out-Null
    $csv = Join-Path $root 'ollama_run_20251110-091500.csv'
    Set-Content -LiteralPath $csv -Encoding utf8 -Value @(
        'model,num_gpu,num_ctx,min_p,ttft_s,tokens_s,load_s,error'
        'gemma3:latest,80,2048,0.05,2.4121,107.9,2.2113,'
        'gemma3:latest,80,2048,0.05,0.1243,108.12,0.0712,'
        'gemma3:latest,80,2048,0.05,0.1301,107.5,0.0702,'
        'gemma3:latest,80,2048,0.05,0,0,0,context deadline exceeded'
        'gemma3:latest,80,2048,0.05,0.1288,108.4,0.0731,'
        'llama3:8b,80,2048,0.05,0.2101,71.5,0.1012,'
    )
    $json = Join-Path $root 'metrics.json'
    Set-Content -LiteralPath $json -Encoding utf8 -Value '{ "model": "gemma3:latest", "results": [ { "ttft_ms": 131.5, "tokens_per_second": 110.2 }, { "ttft_ms": 128.0, "tokens_per_second": 111.0 } ] }'
    $bad = Join-Path $root 'broken.csv'
    Set-Content -LiteralPath $bad -Encoding utf8 -Value @('model,ttft_ms,tokens_s', 'g,120,100', 'g,NaN,101', 'g,140,102')

    # What a metric says, figure by figure, for comparing two ways of measuring the same runs.
    function Get-MetricText($metrics) {
        $metrics | ForEach-Object {
            '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f $_.Metric, $_.Model, $_.Configuration, $_.Phase, $_.Count, $_.FailedCount, $_.Mean, ($_.Values -join ' ')
        } | Sort-Object
    }
}

Describe 'Get-BenchmarkRecord' {
    Context 'what a record holds' {
        It 'gives one record per run, with its conditions, its failure and its figures' {
            $records = @(Get-BenchmarkRecord -LiteralPath $csv)
            $records.Count | Should -Be 6
            $first = $records[0]
            $first.Source | Should -Be $csv
            $first.Location | Should -Be 'row 1 (line 2)'
            $first.Model | Should -Be 'gemma3:latest'
            $first.Configuration | Should -Be 'num_gpu=80, num_ctx=2048, min_p=0.05'
            $first.Settings['min_p'] | Should -Be 0.05
            $first.Phase | Should -Be 'Cold'
            @($first.Figures.Metric) | Should -Be @('TtftMs', 'TokensPerSecond', 'LoadMs')
            $first.Figures[0].Value | Should -Be 2412.1
            $first.Figures[0].Unit | Should -Be 'ms'
            $failed = @($records | Where-Object Failed)
            $failed.Count | Should -Be 1
            $failed[0].Error | Should -Be 'context deadline exceeded'
            $failed[0].Location | Should -Be 'row 4 (line 5)'
            @($failed[0].Figures | Where-Object { [double]::IsNaN($_.Value) }).Count | Should -Be 3
        }

        It 'holds the figures its samples carry, and its Id is their Record' {
            $records = @(Get-BenchmarkRecord -LiteralPath $csv, $json)
            $samples = @(Get-BenchmarkSample -LiteralPath $csv, $json)
            $fromRecords = foreach ($record in $records) {
                foreach ($figure in $record.Figures) { '{0}|{1}|{2}|{3}|{4}' -f $record.Id, $record.Source, $figure.Metric, $figure.Value, $record.Phase }
            }
            $fromSamples = $samples | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Record, $_.Source, $_.Metric, $_.Value, $_.Phase }
            $fromRecords | Should -Be $fromSamples
        }

        It 'cannot be changed' {
            $record = Get-BenchmarkRecord -LiteralPath $csv | Select-Object -First 1
            { $record.Model = 'other' } | Should -Throw -ExpectedMessage '*ReadOnly*'
            { $record.Figures.Add($record.Figures[0]) } | Should -Throw
            { $record.Figures[0].Value = 1 } | Should -Throw -ExpectedMessage '*ReadOnly*'
        }

        It 'keeps only the records holding a metric -Metric names, each whole' {
            $records = @(Get-BenchmarkRecord -LiteralPath $csv, $json -Metric Load*)
            $records.Count | Should -Be 6
            @($records.Source | Sort-Object -Unique) | Should -Be @($csv)
            @($records[0].Figures.Metric) | Should -Contain 'TtftMs'
        }

        It 'warns of a -Metric pattern that matches nothing' {
            Get-BenchmarkRecord -LiteralPath $csv -Metric NoSuchMetric -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            "$warnings" | Should -Match "'NoSuchMetric' matches no metric"
        }
    }

    Context 'input and errors' {
        It 'reads the files of the inventory and of Get-ChildItem, and wildcards' {
            @(Get-BenchmarkInventory $root | Get-BenchmarkRecord -ErrorAction SilentlyContinue).Count | Should -Be 11
            @(Get-ChildItem $root -File | Get-BenchmarkRecord -ErrorAction SilentlyContinue).Count | Should -Be 11
            @(Get-BenchmarkRecord (Join-Path $root '*.json')).Count | Should -Be 2
        }

        It 'names the file, the row and the reason of a problem, and reads the rest' {
            $records = @(Get-BenchmarkRecord -LiteralPath $bad -ErrorVariable problems -ErrorAction SilentlyContinue)
            $records.Count | Should -Be 3
            @($records[1].Figures.Metric) | Should -Be @('TokensPerSecond')
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidBenchmarkData,*'
            $problems[0].Exception.Message | Should -Match 'broken\.csv.*row 2'
        }

        It 'passes over a FIFO named like an artifact, never opening it, with the error the measuring cmdlet gives' -Skip:$IsWindows {
            $fifo = Join-Path $TestDrive 'pipe.csv'
            mkfifo $fifo
            Get-BenchmarkRecord -LiteralPath $fifo -ErrorVariable fromRecord -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Get-BenchmarkSample -Path $fifo -ErrorVariable fromSample -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Get-Item -LiteralPath $fifo | Get-BenchmarkRecord -ErrorVariable piped -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Measure-BenchmarkMetrics -LiteralPath $fifo -ErrorVariable measured -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            foreach ($problem in @($fromRecord[0], $fromSample[0], $piped[0])) {
                $problem.FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
                $problem.Exception.Message | Should -Be $measured[0].Exception.Message
            }
            $measured[0].Exception.Message | Should -Match 'pipe\.csv.*FIFO'
        }

        It 'says a path that does not exist is not found' {
            Get-BenchmarkRecord -Path (Join-Path $root 'missing.csv') -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        }
    }

    Context 'records measured' {
        It 'gives the same metrics as the files and as their samples' {
            $fromFiles = Measure-BenchmarkMetrics -LiteralPath $csv, $json
            $fromRecords = Get-BenchmarkRecord -LiteralPath $csv, $json | Measure-BenchmarkMetrics
            $fromSamples = Get-BenchmarkSample -LiteralPath $csv, $json | Measure-BenchmarkMetrics
            $expected = Get-MetricText $fromFiles
            @($expected).Count | Should -BeGreaterThan 4
            Get-MetricText $fromRecords | Should -Be $expected
            Get-MetricText $fromSamples | Should -Be $expected
            ($fromRecords | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Model -eq 'gemma3:latest' -and $_.Phase -eq 'Warm' -and $_.Configuration }).FailedCount | Should -Be 1
        }

        It 'gives the same metrics after Export-Clixml and Import-Clixml, and after a job' {
            $clixml = Join-Path $TestDrive 'records.xml'
            Get-BenchmarkRecord -LiteralPath $csv, $json | Export-Clixml -LiteralPath $clixml
            $deserialized = Import-Clixml -LiteralPath $clixml
            $deserialized[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkRecord'
            $expected = Get-MetricText (Get-BenchmarkRecord -LiteralPath $csv, $json | Measure-BenchmarkMetrics)
            Get-MetricText ($deserialized | Measure-BenchmarkMetrics) | Should -Be $expected
            $fromJob = Start-Job -ScriptBlock {
                Import-Module $using:env:CHIMERA_INSIGHT_MODULE
                Get-BenchmarkRecord -LiteralPath $using:csv, $using:json
            } | Receive-Job -Wait -AutoRemoveJob
            Get-MetricText ($fromJob | Measure-BenchmarkMetrics) | Should -Be $expected
        }

        It 'takes a record written by hand, its figures as objects or as their text' {
            $byHand = [pscustomobject]@{
                Source = 'lab-notes'; Location = 'run 1'; Model = 'm1'; Configuration = 'num_ctx=4096'; Phase = 'Warm'; Failed = $false
                Figures = @([pscustomobject]@{ Metric = 'TtftMs'; Value = 120; Unit = 'ms'; Statistic = 'Sample' }, 'TokensPerSecond=80.5 tok/s')
            }
            $metrics = @($byHand | Measure-BenchmarkMetrics -ErrorVariable problems -ErrorAction SilentlyContinue)
            $problems | Should -BeNullOrEmpty
            ($metrics | Where-Object Metric -eq 'TtftMs').Mean | Should -Be 120
            ($metrics | Where-Object Metric -eq 'TokensPerSecond').Mean | Should -Be 80.5
            $metrics[0].Configuration | Should -Be 'num_ctx=4096'
        }

        It 'grounds a text in the records piped to Test-InsightGrounding' {
            $result = Get-BenchmarkRecord -LiteralPath $json | Test-InsightGrounding -Text 'One request took a TTFT of 131.5 ms.'
            $result.Grounded.Count | Should -Be 1
        }
    }

    Context 'formatting and help' {
        It 'shows a record per line with its figures, live and deserialized' {
            $records = Get-BenchmarkRecord -LiteralPath $csv
            $text = $records | Format-Table | Out-String -Width 250
            $text | Should -Match 'Figures'
            $text | Should -Match 'TtftMs=124\.3 ms; TokensPerSecond=108\.12 tok/s; LoadMs=71\.2 ms'
            $text | Should -Match 'failed: context deadline exceeded'
            $clixml = Join-Path $TestDrive 'format.xml'
            $records | Export-Clixml -LiteralPath $clixml
            (Import-Clixml -LiteralPath $clixml | Format-Table | Out-String -Width 250) | Should -Match 'TtftMs=124\.3 ms'
            ($records[0].Figures | Format-Table | Out-String) | Should -Match '2412\.1'
        }

        It 'has help with a synopsis, every parameter described and examples' {
            $help = Get-Help Get-BenchmarkRecord -Full
            $help.Synopsis | Should -Match 'one BenchmarkRecord per run'
            foreach ($name in 'Path', 'LiteralPath', 'Kind', 'Metric', 'MaxFileSize') {
                ($help.parameters.parameter | Where-Object name -eq $name).description.Text | Should -Not -BeNullOrEmpty
            }
            @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        }
    }
}
