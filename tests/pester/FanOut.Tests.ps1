# Measuring where the files are (Measure-BenchmarkMetrics -Partial) and merging centrally: four jobs,
# ForEach-Object -Parallel, and PowerShell remoting over SSH to localhost where .ci/run could start an sshd.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    $script:module = $env:CHIMERA_INSIGHT_MODULE

    # Four "servers" of CSV run logs (cold first row, failed rows, seconds read as ms), JSONL request logs and a
    # Markdown report each, plus a byte-identical copy of a server1 file on server3.
    $script:root = Join-Path ([IO.Path]::GetTempPath()) ("fanout-" + [guid]::NewGuid().ToString('N'))
    $random = [Random]::new(42)
    $inv = [Globalization.CultureInfo]::InvariantCulture
    $models = 'gemma3:latest', 'llama3.1:8b'
    $script:servers = foreach ($s in 1..4) {
        $folder = Join-Path $root "server$s"
        foreach ($f in 1..5) {
            $dir = New-Item -ItemType Directory -Force (Join-Path $folder "run$f")
            $model = $models[$random.Next(2)]
            $lines = [Collections.Generic.List[string]]::new()
            $lines.Add('model,num_ctx,ttft_s,tokens_s,load_s,error')
            foreach ($r in 0..19) {
                if ($r -gt 0 -and $random.Next(10) -eq 0) { $lines.Add("$model,2048,0,0,0,HTTP 500"); continue }
                $ttft = ($r -eq 0 ? 2.1 : 0.07) + $random.NextDouble() * 0.05
                $lines.Add(('{0},2048,{1},{2},{3},' -f $model, $ttft.ToString('0.####', $inv), (90 + 30 * $random.NextDouble()).ToString('0.00', $inv),
                    ($r -eq 0 ? 1.9 : 0.05).ToString('0.####', $inv)))
            }
            Set-Content -Path (Join-Path $dir "sweep_$s$f.csv") -Value $lines
        }
        $jsonl = foreach ($r in 1..30) { '{"model":"gemma3:latest","num_ctx":512,"success":true,"ttft_s":' + (0.06 + $random.NextDouble() * 0.03).ToString('R', $inv) + '}' }
        Set-Content -Path (Join-Path $folder "requests_$s.jsonl") -Value $jsonl
        Set-Content -Path (Join-Path $folder "insight_report_$s.md") -Value "# Report`n`n**Model:** gemma3:latest`n`n## Metrics`n- Throughput: 10$s.5 tok/s`n"
        $folder
    }
    New-Item -ItemType Directory -Force (Join-Path $servers[2] 'copied') | Out-Null
    Copy-Item (Join-Path $servers[0] 'run1/sweep_11.csv') (Join-Path $servers[2] 'copied/sweep_11.csv')

    $script:single = Measure-BenchmarkMetrics -Path $root -WarningAction SilentlyContinue

    function Assert-SameAsSingle($Merged) {
        @($Merged).Count | Should -Be @($single).Count
        for ($i = 0; $i -lt $single.Count; $i++) {
            $a = $single[$i]; $b = $Merged[$i]
            "$($b.Metric) $($b.Model) $($b.Phase) $($b.Statistic)" | Should -Be "$($a.Metric) $($a.Model) $($a.Phase) $($a.Statistic)"
            $b.Count | Should -Be $a.Count
            $b.FailedCount | Should -Be $a.FailedCount
            if ($null -ne $a.Mean) { [math]::Abs($b.Mean - $a.Mean) | Should -BeLessOrEqual (1e-9 * [math]::Abs($a.Mean)) }
            $b.P50 | Should -Be $a.P50
            $b.P99 | Should -Be $a.P99
            $b.StdDev | Should -Be $a.StdDev
            $b.TopError | Should -Be $a.TopError
        }
    }
}

AfterAll {
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}

Describe 'Fan-out with Measure-BenchmarkMetrics -Partial' {
    It 'four jobs measure a server each, and their merge equals one run over all the files' {
        $jobs = foreach ($folder in $servers) {
            Start-Job -ArgumentList $module, $folder { param($Module, $Folder) Import-Module $Module; Measure-BenchmarkMetrics -Path $Folder -Partial }
        }
        $parts = $jobs | Receive-Job -Wait -AutoRemoveJob

        $parts[0].PSObject.TypeNames[0] | Should -BeLike 'Deserialized.Chimera.Insight.*'
        @($parts | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.Chimera.Insight.BenchmarkPartialRun' }).Count | Should -Be 4
        $merged = $parts | Measure-BenchmarkMetrics -ExpectedComputerName localhost -WarningVariable warnings -WarningAction SilentlyContinue

        Assert-SameAsSingle $merged
        $merged[0].ComputerNames | Should -Be @('localhost')
        $merged[0].Inventory.ComputerNames | Should -Be @('localhost')
        $merged[0].Inventory.FileCount | Should -Be $single[0].Inventory.FileCount
        # The copy on server3 is counted once, and said (-Path hashes the files as the inventory does: a byte-identical copy).
        @($warnings | Where-Object { "$_" -like '*sweep_11.csv is a byte-identical copy of *sweep_11.csv: its values are counted once.' }).Count | Should -Be 1
    }

    It 'ForEach-Object -Parallel measures side by side and merges the same' {
        $merged = $servers | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            Measure-BenchmarkMetrics -Path $_ -Partial
        } | Measure-BenchmarkMetrics -WarningAction SilentlyContinue

        Assert-SameAsSingle $merged
    }

    It 'parts saved with Export-Clixml or as JSON and read back merge the same' {
        $parts = $servers | ForEach-Object { Measure-BenchmarkMetrics -Path $_ -Partial }
        $file = Join-Path $root 'parts.xml'
        $parts | Export-Clixml $file

        Assert-SameAsSingle (Import-Clixml $file | Measure-BenchmarkMetrics -WarningAction SilentlyContinue)
        Assert-SameAsSingle ($parts | ConvertTo-Json -Depth 6 | ConvertFrom-Json | Measure-BenchmarkMetrics -WarningAction SilentlyContinue)
    }

    It 'names a server that sent nothing, merges the others, and the inventory lists it as missing' {
        $parts = $servers[0..1] | ForEach-Object { Measure-BenchmarkMetrics -Path $_ -Partial }

        $merged = $parts | Measure-BenchmarkMetrics -ExpectedComputerName ([Environment]::MachineName), 'lab09' -ErrorVariable missing -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $merged | Should -Not -BeNullOrEmpty
        ($missing | Where-Object { $_.FullyQualifiedErrorId -like 'PartialResultsMissing*' }).TargetObject | Should -Be 'lab09'
        "$($missing[-1])" | Should -BeLike 'lab09: no partial results arrived*'
        $merged[0].Inventory.MissingComputerNames | Should -Be @('lab09')
        ($merged | New-InsightReport -Offline -WarningAction SilentlyContinue).Markdown |
            Should -BeLike '*Servers missing (no results arrived; their files are not counted): lab09*'
    }

    It 'a bad file on a server is named there, and the rest of that server still merges' {
        Set-Content -Path (Join-Path $servers[3] 'broken.json') -Value '{"results": [ {"ttft_s": 0.1,'
        try {
            $parts = Start-Job -ArgumentList $module, $servers[3] { param($Module, $Folder) Import-Module $Module; Measure-BenchmarkMetrics -Path $Folder -Partial } |
                Receive-Job -Wait -AutoRemoveJob -ErrorVariable remote -ErrorAction SilentlyContinue
            $expected = Measure-BenchmarkMetrics -Path $servers[3] -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

            "$remote" | Should -BeLike '*broken.json*'
            $merged = $parts | Measure-BenchmarkMetrics
            ($merged | Measure-Object Count -Sum).Sum | Should -Be ($expected | Measure-Object Count -Sum).Sum
        }
        finally {
            Remove-Item (Join-Path $servers[3] 'broken.json')
        }
    }

    It 'partial results go straight into Compare-BenchmarkMetrics and Test-InsightGrounding' {
        $reference = $servers[0..1] | ForEach-Object { Measure-BenchmarkMetrics -Path $_ -Partial -GroupBy Model, Phase }
        $difference = $servers[2..3] | ForEach-Object { Measure-BenchmarkMetrics -Path $_ -Partial -GroupBy Model, Phase }
        $expected = Compare-BenchmarkMetrics (Measure-BenchmarkMetrics -Path $servers[0..1] -GroupBy Model, Phase) (Measure-BenchmarkMetrics -Path $servers[2..3] -GroupBy Model, Phase -WarningAction SilentlyContinue) -GroupBy Model

        $comparison = Compare-BenchmarkMetrics $reference $difference -GroupBy Model -WarningAction SilentlyContinue

        $comparison.Verdict | Should -Be $expected.Verdict
        $comparison.PValue | Should -Be $expected.PValue
        $ttft = $single | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Phase -eq 'Warm' -and $_.Model -eq 'gemma3:latest' -and $_.Configuration -like 'num_ctx=512*' }
        $text = "Warm TTFT averaged {0:F2} ms." -f $ttft.Mean
        $grounding = $servers | ForEach-Object { Measure-BenchmarkMetrics -Path $_ -Partial } | Test-InsightGrounding -Text $text -WarningAction SilentlyContinue
        $grounding.Grounded.Count | Should -BeGreaterThan 0
    }

    It 'PowerShell remoting over SSH to localhost ships partial results that merge the same' {
        if (-not $env:CHIMERA_SSH_PORT -or -not $env:CHIMERA_SSH_KEY) {
            Set-ItResult -Skipped -Because 'no localhost sshd with a powershell subsystem (.ci/run starts one where it can: CHIMERA_SSH_PORT, CHIMERA_SSH_KEY)'
            return
        }

        $options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
        $session = New-PSSession -HostName localhost -Port $env:CHIMERA_SSH_PORT -UserName ([Environment]::UserName) -KeyFilePath $env:CHIMERA_SSH_KEY -Options $options -ErrorAction Stop
        try {
            $parts = Invoke-Command -Session $session -ArgumentList $module, $root {
                param($Module, $Root)
                Import-Module $Module
                Get-ChildItem $Root -Directory | ForEach-Object { Measure-BenchmarkMetrics -Path $_.FullName -Partial }
            }

            $parts[0].PSComputerName | Should -Be 'localhost'
            Assert-SameAsSingle ($parts | Measure-BenchmarkMetrics -WarningAction SilentlyContinue)
        }
        finally {
            Remove-PSSession $session
        }
    }
}
