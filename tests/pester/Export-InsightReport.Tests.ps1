# Export-InsightReport: Markdown, JSON and HTML files from reports and comparisons.
Describe 'Export-InsightReport' {
    BeforeAll {
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

        $metric = [pscustomobject]@{
            Metric = 'TokensPerSecond'; Unit = 'tok/s'; Origin = 'Measured'; Model = 'gemma3:270m'; Configuration = 'num_gpu=80, num_ctx=512'
            Phase = 'Warm'; Count = 20; FailedCount = 1; Mean = 108.05; P50 = 107.92; P90 = 110.8; P95 = 111.37; P99 = 112.02; StdDev = 2.41; CV = 2.23
        }
        $ttft = [pscustomobject]@{
            Metric = 'TtftMs'; Unit = 'ms'; Origin = 'Measured'; Model = 'gemma3:270m'; Configuration = 'num_gpu=80, num_ctx=512'
            Phase = 'Warm'; Count = 20; FailedCount = 0; Mean = 589.98; P50 = 577.4; P90 = 640.5; P95 = 655.1; P99 = 690.3; StdDev = 40.2; CV = 6.8
        }
        $script:report = [pscustomobject]@{
            AgentType = 'Chimera Insight'; Run = 1; Model = 'gemma3:latest'; Provider = 'Ollama'; OllamaUri = 'http://127.0.0.1:11434'
            Configuration = 'num_gpu=80, num_ctx=512, temperature=1'; NumGpu = 80; NumCtx = 512; Temperature = 1
            Persona = 'You are InsightAgent.'; GeneratedAt = [datetime]::new(2025, 11, 15, 9, 30, 0, [System.DateTimeKind]::Utc)
            Text = "## 1. Executive Summary`n`n**108.05 tok/s** mean throughput."
            Findings = @([pscustomobject]@{ Kind = 'FailureRate'; Severity = 'Warning'; Model = 'gemma3:270m'; Text = '1 of 21 runs failed.'; Figures = @() })
            Recommendations = @('Investigate the failed run.')
            Metrics = @($metric, $ttft)
            Inventory = [pscustomobject]@{
                FileCount = 2; TotalBytes = 2048
                Kinds = @(
                    [pscustomobject]@{ Kind = 'Csv'; Count = 1; SharePercent = 50; Bytes = 1024; FirstFiles = @('<script>alert(1)</script>.csv') }
                    [pscustomobject]@{ Kind = 'Json'; Count = 1; SharePercent = 50; Bytes = 1024; FirstFiles = @('run.json') }
                )
            }
            TtftMs = 589.98; TokensPerSecond = 108.05; TotalDurationMs = 23516.71; LoadDurationMs = 527.04
            PromptEvalDurationMs = 316.03; EvalDurationMs = 20873.83; PromptTokens = 412; TokensGenerated = 2253; DoneReason = 'stop'
            IngestSeconds = 0.03; AnalysisSeconds = 10.28; ReportSeconds = 13.23; TotalSeconds = 23.55; FilesAnalyzed = 2
            Complete = $true; Warnings = @()
        }
        $report.PSObject.TypeNames.Insert(0, 'Chimera.Insight.InsightReport')
        $script:comparisons = @(
            [pscustomobject]@{ Metric = 'TokensPerSecond'; Unit = 'tok/s'; Model = 'gemma3:270m'; Status = 'Matched'; ReferenceMean = 100; ReferenceStdDev = 2; ReferenceCV = 2; ReferenceCount = 20; DifferenceMean = 112.5; DifferenceStdDev = 2.5; DifferenceCV = 2.2; DifferenceCount = 20; DeltaPercent = 12.5; PValue = 0.0012; Verdict = 'Better'; Basis = 'MannWhitneyU' }
            [pscustomobject]@{ Metric = 'TtftMs'; Unit = 'ms'; Model = 'gemma3:270m'; Status = 'Matched'; ReferenceMean = 500; ReferenceStdDev = 50; ReferenceCount = 20; DifferenceMean = 400; DifferenceStdDev = 40; DifferenceCount = 20; DeltaPercent = -20; PValue = 0.2; Verdict = 'Inconclusive'; Basis = 'MannWhitneyU' }
        )
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.md'
        $report | Export-InsightReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        @(Get-ChildItem $TestDrive -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It 'does not overwrite without -Force, and the old file stays intact' {
        $path = Join-Path $TestDrive 'exists.md'
        Set-Content -Path $path -Value 'old content' -NoNewline
        $report | Export-InsightReport -Path $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'FileExists*'
        Get-Content $path -Raw | Should -Be 'old content'
        { $report | Export-InsightReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists*'
    }

    It 'overwrites with -Force and leaves no temporary file' {
        $path = Join-Path $TestDrive 'force.md'
        Set-Content -Path $path -Value 'old content'
        $report | Export-InsightReport -Path $path -Force
        (Get-Content $path -Raw) | Should -BeLike '# Chimera Insight*'
        @(Get-ChildItem $TestDrive -Force | Where-Object Name -like '*.tmp').Count | Should -Be 0
    }

    It 'chooses the format from the extension: <Extension>' -ForEach @(
        @{ Extension = 'md'; Start = '# Chimera Insight' }
        @{ Extension = 'json'; Start = '{' }
        @{ Extension = 'html'; Start = '<!DOCTYPE html>' }
    ) {
        $path = Join-Path $TestDrive "format.$Extension"
        $file = $report | Export-InsightReport -Path $path -PassThru
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $path
        (Get-Content $path -Raw).StartsWith($Start) | Should -BeTrue
    }

    It 'writes the seed layout in Markdown with the data''s figures' {
        $path = Join-Path $TestDrive 'layout.md'
        $report | Export-InsightReport -Path $path
        $lines = Get-Content $path
        $lines | Should -Contain '**Configuration:** num_gpu=80, num_ctx=512, temp=1, top_p=default, top_k=default, repeat_penalty=default'
        $lines | Should -Contain '- Throughput: 108.05 tok/s'
        $lines | Should -Contain '- Execution time: 23.55s (ingest 0.03s | analysis 10.28s | report 13.23s)'
        $headings = $lines | Where-Object { $_ -match '^## (Workflow|Data|Metrics|Key|Recommendations|Unverified|Persona)' }
        $headings | Should -Be @('## Workflow Summary', '## Data Summary', '## Metrics', '## Key Findings', '## Recommendations', '## Unverified Figures', '## Persona Prompt')
    }

    It 'honours -Format over the extension' {
        $path = Join-Path $TestDrive 'report.txt'
        $report | Export-InsightReport -Path $path -Format Json
        (Get-Content $path -Raw | ConvertFrom-Json).AgentType | Should -Be 'Chimera Insight'
    }

    It 'stops on an extension it cannot read without -Format' {
        { $report | Export-InsightReport -Path (Join-Path $TestDrive 'unknown.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownFormat*'
        Test-Path (Join-Path $TestDrive 'unknown.txt') | Should -BeFalse
    }

    It 'writes JSON that reads back (ConvertFrom-Json) and exports the same again' {
        $first = Join-Path $TestDrive 'first.json'
        $second = Join-Path $TestDrive 'second.json'
        $report | Export-InsightReport -Path $first
        $json = Get-Content $first -Raw
        $json | Should -Match '"Provider":\s*"Ollama"'
        $json | Should -Match '"TokensPerSecond":\s*108.05'
        Get-Content $first -Raw | ConvertFrom-Json | Export-InsightReport -Path $second
        Get-Content $second -Raw | Should -Be $json
    }

    It 'exports a deserialized report exactly as the live one' {
        $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($report, 5))
        $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.InsightReport'
        $report | Export-InsightReport -Path (Join-Path $TestDrive 'live.md')
        $deserialized | Export-InsightReport -Path (Join-Path $TestDrive 'deserialized.md')
        Get-Content (Join-Path $TestDrive 'deserialized.md') -Raw | Should -Be (Get-Content (Join-Path $TestDrive 'live.md') -Raw)
    }

    It 'exports what survives of a report serialized at depth 1 (Start-Job, remoting)' {
        $withMarkdown = $report.PSObject.Copy()
        $withMarkdown | Add-Member -NotePropertyName Markdown -NotePropertyValue "# Chimera Insight`n`nkept as written`n"
        $shallow = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($withMarkdown, 1))
        $shallow | Export-InsightReport -Path (Join-Path $TestDrive 'shallow.md') -ErrorAction Stop
        Get-Content (Join-Path $TestDrive 'shallow.md') -Raw | Should -Be "# Chimera Insight`n`nkept as written`n"
        $shallow | Export-InsightReport -Path (Join-Path $TestDrive 'shallow.json') -ErrorAction Stop
        (Get-Content (Join-Path $TestDrive 'shallow.json') -Raw | ConvertFrom-Json).TtftMs | Should -Be 589.98
    }

    It 'writes a self-contained HTML page where data cannot inject markup' {
        $path = Join-Path $TestDrive 'page.html'
        $report | Export-InsightReport -Path $path
        $html = Get-Content $path -Raw
        # One script only: the page's own table filter, allowed by its hash; none from the data.
        ([regex]::Matches($html, '<script')).Count | Should -BeLessOrEqual 1
        $html | Should -Not -Match '<script>alert'
        $html | Should -Not -Match 'src="http'
        $html | Should -Not -Match '<link'
        $html | Should -Match '<svg'
        $html | Should -Match 'alert\(1\)'
    }

    It 'writes a comparison report from comparisons' {
        $path = Join-Path $TestDrive 'comparison.md'
        $comparisons | Export-InsightReport -Path $path
        $text = Get-Content $path -Raw
        $text | Should -Match 'Throughput improved by 12\.5%'
        $text | Should -Match 'TTFT reduced by 20\.0%'
        $text | Should -Match '100 ± 2'
        $text | Should -Match '0\.0012'
        $text | Should -Match 'Inconclusive'
        $comparisons | Export-InsightReport -Path (Join-Path $TestDrive 'comparison.html')
        Get-Content (Join-Path $TestDrive 'comparison.html') -Raw | Should -Match 'Per Group'
    }

    It 'needs {Run} in the path for several reports, then writes one file per run' {
        $second = $report.PSObject.Copy()
        $second.Run = 2
        { $report, $second | Export-InsightReport -Path (Join-Path $TestDrive 'runs.md') -ErrorAction Stop } | Should -Throw -ErrorId 'SeveralReportsOnePath*'
        $files = $report, $second | Export-InsightReport -Path (Join-Path $TestDrive 'run-{Run}.md') -PassThru
        @($files.Name) | Should -Be @('run-1.md', 'run-2.md')
    }

    It 'fills {Date} and {Time} from the report; a second run the same day needs -Force or {Time}' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'nightly') -Force
        $file = $report | Export-InsightReport -Path (Join-Path $folder 'insight-{Date}.html') -PassThru
        $file.Name | Should -Be 'insight-2025-11-15.html'
        $report | Export-InsightReport -Path (Join-Path $folder 'insight-{Date}.html') -ErrorVariable again -ErrorAction SilentlyContinue
        $again[0].FullyQualifiedErrorId | Should -BeLike 'FileExists*'
        ($report | Export-InsightReport -Path (Join-Path $folder 'insight-{Date}.html') -Force -PassThru).Name | Should -Be 'insight-2025-11-15.html'
        ($report | Export-InsightReport -Path (Join-Path $folder 'insight-{date}-{Time}.md') -PassThru).Name | Should -Be 'insight-2025-11-15-093000.md'
    }

    It 'exports metrics to CSV with figures, never type names' {
        $path = Join-Path $TestDrive 'metrics.csv'
        Measure-BenchmarkMetrics -Path (Join-Path $PSScriptRoot '../../samples/ollama') -WarningAction SilentlyContinue | Export-Csv -Path $path
        $csv = Get-Content $path -Raw
        $csv | Should -Not -Match 'System\.[A-Za-z]+\[\]|System\.Collections|Chimera\.Insight\.'
        $rows = Import-Csv $path
        ($rows | Where-Object { $_.Values -match '^\d' }).Count | Should -BeGreaterThan 0
    }

    It 'refuses input that is neither a report nor a comparison' {
        'text' | Export-InsightReport -Path (Join-Path $TestDrive 'nothing.md') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInput*'
        Test-Path (Join-Path $TestDrive 'nothing.md') | Should -BeFalse
    }

    It 'reports a missing folder' {
        $report | Export-InsightReport -Path (Join-Path $TestDrive 'no/such/folder/r.md') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'FolderNotFound*'
    }

    It 'shows reports in a table with the grounding ratio' {
        $withGrounding = $report.PSObject.Copy()
        $withGrounding | Add-Member -NotePropertyName Grounding -NotePropertyValue ([pscustomobject]@{ GroundedRatio = 0.75 })
        $text = $withGrounding | Format-Table | Out-String -Width 160
        $text | Should -Match 'TokensPerSecond'
        $text | Should -Match '75%'
        $text | Should -Match '108\.05'
    }
}
