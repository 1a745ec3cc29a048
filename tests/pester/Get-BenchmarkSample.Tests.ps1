# Get-BenchmarkSample: what a user sees when reading benchmark artifacts.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    $root = Join-Path $TestDrive 'bench'
    $runs = New-Item -ItemType Directory -Path (Join-Path $root 'chimera_homo_gpu80_ctx512') -Force
    $csv = Join-Path $root 'ollama_run_20251110-091500.csv'
    Set-Content -LiteralPath $csv -Encoding utf8 -Value @(
        '"model","num_gpu","num_ctx","temperature","ttft_s","tokens_s","load_s","eval_count","error"'
        '"gemma3:latest","80","2048","0.7","2.4121","107.9","2.2113","301",""'
        '"gemma3:latest","80","2048","0.7","0.1243","108.12","0.0712","311",""'
        '"gemma3:latest","80","2048","0.7","0.1301","107.5","0.0702","280",""'
        '"gemma3:latest","80","2048","0.7","0","0","0","0","context deadline exceeded"'
        '"gemma3:latest","80","2048","0.7","0.1288","108.4","0.0731","295",""'
    )
    $json = Join-Path $runs.FullName 'metrics.json'
    Set-Content -LiteralPath $json -Encoding utf8 -Value '{ "model": "gemma3:latest", "results": [ { "ttft_ms": 131.5, "tokens_per_second": 110.2 }, { "ttft_ms": 128.0, "tokens_per_second": 111.0 } ] }'
    $markdown = Join-Path $root 'insight_report.md'
    Set-Content -LiteralPath $markdown -Encoding utf8 -Value @(
        '# Chimera Insight', 'Model: gemma3:latest', '', 'About 101 files were analysed in 23 seconds.', '', '## Metrics'
        '- Throughput: 108.05 tok/s', '- TTFT: 589.98 ms', '- Tokens Generated: 2253'
    )
    $bad = Join-Path $root 'broken.csv'
    Set-Content -LiteralPath $bad -Encoding utf8 -Value @('model,ttft_ms,tokens_s', 'g,120,100', 'g,NaN,101', 'g,130', 'g,140,102')
    $notes = Join-Path $root 'notes.txt'
    Set-Content -LiteralPath $notes -Value 'not an artifact'
    $previousCulture = [System.Threading.Thread]::CurrentThread.CurrentCulture
}

AfterAll {
    [System.Threading.Thread]::CurrentThread.CurrentCulture = $previousCulture
}

Describe 'Get-BenchmarkSample' {
    Context 'input' {
        It 'reads files piped from Get-ChildItem and skips other kinds' {
            $samples = Get-ChildItem $root -Recurse -File | Get-BenchmarkSample -ErrorAction SilentlyContinue
            @($samples | Where-Object Source -eq $csv).Count | Should -BeGreaterThan 0
            @($samples | Where-Object Source -eq $json).Count | Should -Be 4
            @($samples | Where-Object Source -eq $markdown).Count | Should -Be 3
            @($samples | Where-Object Source -eq $notes).Count | Should -Be 0
            $samples[0].PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkSample'
        }

        It 'binds FullName and Kind by property name, as Get-BenchmarkInventory emits them' {
            $copy = Join-Path $TestDrive 'run-export.data'
            Copy-Item -LiteralPath $json -Destination $copy
            $samples = [pscustomobject]@{ FullName = $copy; Kind = 'Json' } | Get-BenchmarkSample
            @($samples).Count | Should -Be 4
            ($samples | Select-Object -First 1).Model | Should -Be 'gemma3:latest'
        }

        It 'accepts deserialized BenchmarkFile objects' {
            $file = [pscustomobject]@{ FullName = $csv; Kind = 'Csv'; Name = 'ollama_run_20251110-091500.csv' }
            $file.PSObject.TypeNames.Insert(0, 'Chimera.Insight.BenchmarkFile')
            $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($file))
            $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkFile'
            $samples = $deserialized | Get-BenchmarkSample -Metric TtftMs
            @($samples).Count | Should -Be 5
        }

        It 'expands wildcards in -Path and reads -LiteralPath as written' {
            @(Get-BenchmarkSample -Path (Join-Path $root 'ollama_run_*.csv') -Metric TtftMs).Count | Should -Be 5
            @(Get-BenchmarkSample -LiteralPath $csv -Metric TtftMs).Count | Should -Be 5
            @($csv | Get-BenchmarkSample -Metric TokensPerSecond).Count | Should -Be 5
        }

        It 'keeps -Kind from the command line for every piped path' {
            $a = Join-Path $TestDrive 'a.data'; $b = Join-Path $TestDrive 'b.data'
            Copy-Item $json $a; Copy-Item $json $b
            @($a, $b | Get-BenchmarkSample -Kind Json -Metric TtftMs).Count | Should -Be 4
        }

        It 'filters metrics with wildcards' {
            $metrics = Get-BenchmarkSample -LiteralPath $csv -Metric '*Ms' | Select-Object -ExpandProperty Metric -Unique
            $metrics | Should -Be @('TtftMs', 'LoadMs')
        }
    }

    Context 'what a sample holds' {
        BeforeAll {
            $samples = Get-BenchmarkSample -LiteralPath $csv
        }

        It 'converts units and carries the configuration' {
            $first = $samples | Where-Object Metric -eq TtftMs | Select-Object -First 1
            $first.Value | Should -Be 2412.1
            $first.Unit | Should -Be 'ms'
            $first.Configuration | Should -Be 'num_gpu=80, num_ctx=2048, temperature=0.7'
            $first.NumCtx | Should -Be 2048
            $first.Location | Should -Be 'row 1 (line 2)'
        }

        It 'marks the first request after the load cold' {
            @($samples | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Phase -eq 'Cold' }).Count | Should -Be 1
            ($samples | Where-Object Metric -eq TtftMs | Select-Object -First 1).Phase | Should -Be 'Cold'
        }

        It 'keeps a failed run as failed samples with the error' {
            $failed = @($samples | Where-Object Failed)
            $failed.Count | Should -Be 4
            $failed | ForEach-Object { [double]::IsNaN($_.Value) | Should -BeTrue }
            $failed[0].Error | Should -Be 'context deadline exceeded'
        }

        It 'reads only list items of a Markdown report, not its prose' {
            $md = Get-BenchmarkSample -LiteralPath $markdown
            @($md.Metric) | Should -Be @('TokensPerSecond', 'TtftMs', 'OutputTokens')
            ($md | Where-Object Metric -eq TtftMs).Value | Should -Be 589.98
        }
    }

    Context 'errors' {
        It 'writes one non-terminating InvalidBenchmarkData error per problem and reads the good rows' {
            $samples = Get-BenchmarkSample -LiteralPath $bad -ErrorVariable problems -ErrorAction SilentlyContinue
            @($samples | Where-Object Metric -eq TtftMs).Value | Should -Be @(120, 140)
            @($samples | Where-Object Metric -eq TokensPerSecond).Count | Should -Be 3
            $problems.Count | Should -Be 2
            $problems | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'InvalidBenchmarkData,*'
                $_.CategoryInfo.Category | Should -Be 'InvalidData'
                $_.TargetObject | Should -Be $bad
                $_.Exception.Message | Should -BeLike "*broken.csv*"
            }
            $problems[0].Exception.Message | Should -BeLike '*row 2 (line 3)*ttft_ms*not a finite number*'
            $problems[1].Exception.Message | Should -BeLike '*line 4*2 field(s) where the header has 3*'
        }

        It 'goes on with the next file after a bad one' {
            $samples = Get-BenchmarkSample -LiteralPath $bad, $json -ErrorAction SilentlyContinue -Metric TtftMs
            @($samples | Where-Object Source -eq $json).Count | Should -Be 2
        }

        It 'stops at the first problem with -ErrorAction Stop' {
            { Get-BenchmarkSample -LiteralPath $bad -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBenchmarkData,Chimera.Insight.Commands.GetBenchmarkSampleCommand'
        }

        It 'reports a missing path and an unknown kind named on the command line' {
            Get-BenchmarkSample -Path (Join-Path $root 'nope.csv') -ErrorVariable missing -ErrorAction SilentlyContinue
            $missing[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            Get-BenchmarkSample -LiteralPath $notes -ErrorVariable unknown -ErrorAction SilentlyContinue
            $unknown[0].FullyQualifiedErrorId | Should -BeLike 'UnknownArtifactKind,*'
            Get-BenchmarkSample -LiteralPath $root -ErrorVariable folder -ErrorAction SilentlyContinue
            $folder[0].FullyQualifiedErrorId | Should -BeLike 'PathIsDirectory,*'
            $folder[0].Exception.Message | Should -BeLike '*Get-BenchmarkInventory*'
        }

        It 'skips a file over -MaxFileSize with an error' {
            Get-BenchmarkSample -LiteralPath $csv -MaxFileSize 10 -ErrorVariable big -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $big[0].Exception.Message | Should -BeLike '*over the limit of 10 bytes*'
        }
    }

    Context 'culture' {
        It 'reads the same numbers in a de-DE session' {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'
            try {
                $first = Get-BenchmarkSample -LiteralPath $csv -Metric TtftMs | Select-Object -First 1
                $first.Value | Should -Be 2412.1
                $first.Configuration | Should -Be 'num_gpu=80, num_ctx=2048, temperature=0.7'
            }
            finally {
                [System.Threading.Thread]::CurrentThread.CurrentCulture = $previousCulture
            }
        }
    }

    Context 'formatting' {
        It 'shows a table of metric, value, unit, statistic, phase, model and source' {
            $text = Get-BenchmarkSample -LiteralPath $csv -Metric TtftMs | Out-String -Width 160
            $text | Should -Match 'Metric\s+Value\s+Unit\s+Stat\s+Phase\s+Model'
            $text | Should -Match 'TtftMs\s+2412[.,]1\s+ms\s+Sample\s+Cold\s+gemma3:latest'
            $text | Should -Match 'failed'
            $text | Should -Match 'ollama_run_20251110-091500\.csv \(row 1'
        }

        It 'shows deserialized samples the same way' {
            $samples = Get-BenchmarkSample -LiteralPath $csv -Metric TtftMs
            $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($samples))
            $deserialized[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkSample'
            ($deserialized | Out-String -Width 160) | Should -Be ($samples | Out-String -Width 160)
        }
    }

    Context 'help' {
        It 'documents the cold-start rule and the metric names' {
            $help = Get-Help Get-BenchmarkSample -Full | Out-String
            $help | Should -Match 'median \+ 500 ms'
            $help | Should -Match 'TokensPerSecond'
        }
    }
}
