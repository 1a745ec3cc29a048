# Reliability: a folder holding every kind of bad input beside known-good files. Each bad file gives
# a non-terminating error naming it and the reason; every good record is still counted exactly.
Describe 'Hostile input' {
    BeforeAll {
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
        $root = Join-Path $TestDrive 'hostile'
        $corpus = & (Join-Path $PSScriptRoot 'New-HostileCorpus.ps1') -Path $root
        $inventoryErrors = $null
        $measureErrors = $null
        $files = @(Get-BenchmarkInventory -LiteralPath $root -ErrorVariable inventoryErrors -ErrorAction SilentlyContinue)
        $metrics = @($files | Measure-BenchmarkMetrics -GroupBy Model -ErrorVariable measureErrors -ErrorAction SilentlyContinue)
        $allErrors = @($inventoryErrors) + @($measureErrors)
        $errorText = ($allErrors | ForEach-Object { $_.Exception.Message }) -join "`n"

        # The same folder given to -Path: one walker, one reader, so the same metrics and the same errors.
        $pathErrors = $null
        $pathMetrics = @(Measure-BenchmarkMetrics -LiteralPath $root -GroupBy Model -ErrorVariable pathErrors -ErrorAction SilentlyContinue)
        function Get-MetricText($metric) {
            ($metric.PSObject.Properties | Where-Object Name -ne 'Inventory' | ForEach-Object { "$($_.Name)=$($_.Value -join ';')" }) -join '|'
        }
        function Get-ErrorText($record) { "$(($record.FullyQualifiedErrorId -split ',')[0]): $($record.Exception.Message)" }
    }

    AfterAll {
        # Pester's TestDrive clean-up would follow the link loop: take the links away first.
        Get-ChildItem -LiteralPath (Join-Path $root 'bad') -Recurse -Depth 1 -Attributes ReparsePoint -ErrorAction SilentlyContinue |
            ForEach-Object { [IO.File]::Delete($_.FullName) }
    }

    It 'counts every good TokensPerSecond value of the good files exactly once' {
        $good = @($metrics | Where-Object { $_.Metric -eq 'TokensPerSecond' -and $_.Model -eq 'good-model' -and $_.Origin -eq 'Measured' })
        ($good | Measure-Object Count -Sum).Sum | Should -Be $corpus.GoodTokensPerSecond.Count
        $expectedMean = ($corpus.GoodTokensPerSecond | Measure-Object -Average).Average
        $values = @($good | ForEach-Object { $_.Values })
        ($values | Measure-Object -Average).Average | Should -BeGreaterThan ($expectedMean - 1e-9)
        ($values | Measure-Object -Average).Average | Should -BeLessThan ($expectedMean + 1e-9)
    }

    It 'names <_> in an error with a reason' -ForEach @(
        'truncated.json', 'deep-nesting.json', 'empty.csv', 'empty.json', 'header-only.csv', 'unbalanced-quote.csv',
        'bad-numbers.csv', 'thousands.csv', 'ragged.csv', 'jsonl-one-broken-line.jsonl', 'bare-scalar.json',
        'mixed-array.json', 'garbage-metrics.md', 'invalid-utf8.csv', 'random-binary.json', 'duplicate-keys.json', 'nul-bytes.md'
    ) {
        $mine = @($allErrors | Where-Object { $_.Exception.Message -like "*$_*" -or "$($_.TargetObject)" -like "*$_*" })
        $mine.Count | Should -BeGreaterThan 0 -Because "$_ is bad input"
    }

    It 'never lets NaN, infinity or a negative time reach a statistic' {
        # The 20,000-column CSV alone gives 20,000 metrics: collect the violations, then assert once.
        $violations = foreach ($metric in $metrics | Where-Object Count -gt 0) {
            foreach ($property in 'Mean', 'Min', 'Max', 'P50', 'P99') {
                $value = $metric.$property
                if ($null -ne $value -and ([double]::IsNaN($value) -or [double]::IsInfinity($value))) { "$($metric.Metric) $property = $value" }
            }
            if ($metric.Unit -eq 'ms' -and $metric.Min -lt 0) { "$($metric.Metric) Min = $($metric.Min) ms" }
        }
        @($violations) | Should -BeNullOrEmpty
        @($metrics | Where-Object Count -gt 0).Count | Should -BeGreaterThan 20000
    }

    It 'never misreads the semicolon file with decimal commas' {
        $semicolon = @($metrics | Where-Object { $_.Model -eq 'semicolon-model' -and $_.Metric -eq 'TokensPerSecond' })
        if ($semicolon) { $semicolon.Mean | Should -Be 98.5 }
        else { $errorText | Should -Match 'semicolon-decimal-comma' }
    }

    It 'skips the 64 MB single-line file past -MaxFileSize, saying so' {
        @($metrics | Where-Object Model -eq 'big-model').Count | Should -Be 0
        $errorText | Should -Match 'huge-single-line\.json[^\n]*-MaxFileSize'
    }

    It 'treats a directory named x.json as a folder, and never opens a FIFO' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        @($files | Where-Object Name -in 'x.json', 'fifo.csv').Count | Should -Be 0
        $errorText | Should -Match 'fifo\.csv'
    }

    It 'reports the dangling link and survives the symlink loop' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $errorText | Should -Match 'dangling\.csv'
    }

    It 'gives the same metrics through -Path as through Get-BenchmarkInventory and the pipeline' {
        $pathMetrics.Count | Should -Be $metrics.Count
        $viaPath = @($pathMetrics | ForEach-Object { Get-MetricText $_ } | Sort-Object)
        $viaPipeline = @($metrics | ForEach-Object { Get-MetricText $_ } | Sort-Object)
        Compare-Object $viaPath $viaPipeline -SyncWindow 0 | Should -BeNullOrEmpty
    }

    It 'writes the same errors through -Path as through the pipeline, the FIFO among them' {
        $viaPath = @($pathErrors | ForEach-Object { Get-ErrorText $_ } | Sort-Object)
        $viaPipeline = @($allErrors | ForEach-Object { Get-ErrorText $_ } | Sort-Object)
        Compare-Object $viaPath $viaPipeline | Should -BeNullOrEmpty
        if ($IsLinux -or $IsMacOS) { ($viaPath -match 'fifo\.csv').Count | Should -BeGreaterThan 0 }
    }

    It 'carries the same inventory through -Path as through the pipeline' {
        $pathMetrics[0].Inventory.FileCount | Should -Be $metrics[0].Inventory.FileCount
        $pathMetrics[0].Inventory.DuplicateGroups.Count | Should -Be $metrics[0].Inventory.DuplicateGroups.Count
        $pathMetrics[0].Inventory.SkippedCount | Should -Be $metrics[0].Inventory.SkippedCount
    }

    It 'reads a file whose name holds a newline' {
        @($files | Where-Object Name -eq "new`nline.csv").Count | Should -Be 1
    }
}
