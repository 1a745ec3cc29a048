# What the cmdlets say while and after they work: warnings for input that gives nothing, completions of
# -Metric, -Profile and -Kind, files piped into Test-InsightGrounding.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    $corpus = Join-Path $TestDrive 'runs'
    New-Item -ItemType Directory -Path $corpus -Force | Out-Null
    $rows = @('model,num_ctx,ttft_s,tokens_s,insight_ttft_ms')
    foreach ($i in 0..4) { $rows += "gemma3:latest,2048,0.1$i,10$i.5,12$i" }
    Set-Content (Join-Path $corpus 'run_20251101-120000.csv') $rows
    Set-Content (Join-Path $corpus 'notes.md') "# Notes`n`nThroughput reached 102.5 tok/s and TTFT 0.12 s."
}

Describe 'Warnings for input that gives nothing' {
    It 'names the unknown -Metric and the known metric names' {
        $null = Measure-BenchmarkMetrics -Path $corpus -Metric NoSuchMetric -WarningVariable w -WarningAction SilentlyContinue
        ($w -join ' ') | Should -Match "-Metric 'NoSuchMetric' matches no metric"
        ($w -join ' ') | Should -Match 'TtftMs, TokensPerSecond'
        $null = Get-BenchmarkInventory $corpus | Get-BenchmarkSample -Metric NoSuchMetric -WarningVariable w2 -WarningAction SilentlyContinue
        ($w2 -join ' ') | Should -Match "'NoSuchMetric' matches no metric"
    }

    It 'says when no input came at all' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty') -Force
        $null = Get-BenchmarkInventory $empty | Measure-BenchmarkMetrics -WarningVariable w -WarningAction SilentlyContinue
        ($w -join ' ') | Should -Match 'No input reached the command'
    }
}

Describe 'Tab completion' {
    It 'completes -Metric with canonical names and those seen' {
        $null = Measure-BenchmarkMetrics -Path $corpus -WarningAction SilentlyContinue
        $line = 'Measure-BenchmarkMetrics -Metric '
        $names = (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText
        $names | Should -Contain 'TtftMs'
        $names | Should -Contain 'insight_ttft_ms'
        $line = 'Get-BenchmarkSample -Metric Tok'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Contain 'TokensPerSecond'
    }

    It 'completes -Profile from the configuration and -Kind with the artifact kinds' {
        $yaml = Join-Path $TestDrive 'lab.yaml'
        Set-Content $yaml "profiles:`n  nightly:`n    options: { num_ctx: 2048 }`n  'night shift':`n    options: { num_ctx: 1024 }"
        $line = "Get-InsightConfiguration -ConfigurationPath '$yaml' -Profile "
        $profiles = (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText
        $profiles | Should -Contain 'nightly'
        # A name PowerShell would split is completed in quotes, as it must be typed.
        $profiles | Should -Contain "'night shift'"
        $profiles | Should -Contain 'chimera'
        $line = 'Get-BenchmarkSample ./x -Kind '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Contain 'Markdown'
    }
}

Describe 'Files piped into Test-InsightGrounding' {
    It 'checks each file''s text against the facts given with -Metric' {
        $metrics = Measure-BenchmarkMetrics -Path $corpus -WarningAction SilentlyContinue
        $results = @(Get-ChildItem $corpus -Filter *.md | Test-InsightGrounding -Metric $metrics -ErrorAction Stop)
        $results.Count | Should -Be 1
        $results[0].Figures.Count | Should -BeGreaterThan 0
        $results[0].Source | Should -Match 'notes\.md'
    }
}
