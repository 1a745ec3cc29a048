# The report speaks of one model at a time: findings and recommendations never set groups of different
# models against each other, the HTML shows a headline per model and names the model on every chart, and
# a failed -RequireLlm leaves no report and no file.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    $corpus = Join-Path $TestDrive 'two-models'
    New-Item -ItemType Directory -Path $corpus -Force | Out-Null
    # gemma3 in one file, llama3.1 in another, each with its own configurations, cold starts and a failure;
    # llama3.1 is much faster so that any cross-model ranking would show.
    $gemma = @('model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,error')
    $gemma += 'gemma3:latest,80,1024,0.8,3.10,20.5,3.0,'
    foreach ($i in 0..5) { $gemma += "gemma3:latest,80,1024,0.8,0.4$i,2$i.1,0.05," }
    $gemma += 'gemma3:latest,80,2048,0.8,3.40,18.2,3.3,'
    foreach ($i in 0..5) { $gemma += "gemma3:latest,80,2048,0.8,0.5$i,1$i.6,0.05," }
    $gemma += 'gemma3:latest,80,2048,0.8,0,0,0,HTTP 500: runner stopped'
    Set-Content (Join-Path $corpus 'gemma3_sweep_20251101-120000.csv') $gemma
    $llama = @('model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,error')
    $llama += 'llama3.1:8b,99,4096,0.4,2.10,95.5,2.0,'
    foreach ($i in 0..5) { $llama += "llama3.1:8b,99,4096,0.4,0.0$(8 - $i),9$i.2,0.04," }
    $llama += 'llama3.1:8b,99,8192,0.4,2.90,70.1,2.8,'
    foreach ($i in 0..5) { $llama += "llama3.1:8b,99,8192,0.4,0.1$i,7$i.7,0.04," }
    Set-Content (Join-Path $corpus 'llama_sweep_20251102-090000.csv') $llama
    # Rows that name no model: never ranked against anything.
    $unnamed = @('num_ctx,tokens_s,ttft_s')
    foreach ($i in 0..3) { $unnamed += "512,4$i.0,0.9$i" }
    foreach ($i in 0..3) { $unnamed += "1024,1$i.0,1.9$i" }
    Set-Content (Join-Path $corpus 'summary_20251103-080000.csv') $unnamed

    $metrics = @(Get-BenchmarkInventory $corpus | Measure-BenchmarkMetrics -WarningAction SilentlyContinue)
    $findings = @($metrics | Measure-BenchmarkMetrics -Findings -WarningAction SilentlyContinue)
    $report = $metrics | New-InsightReport -Offline -WarningAction SilentlyContinue
    $models = @('gemma3:latest', 'llama3.1:8b')
}

Describe 'Findings and recommendations on a corpus of two models' {
    It 'has per-model findings for both models' {
        foreach ($model in $models) {
            @($findings | Where-Object Model -eq $model).Count | Should -BeGreaterThan 0
            @($findings | Where-Object { $_.Model -eq $model -and $_.Kind -eq 'BestConfiguration' }).Count | Should -Be 1
        }
    }

    It 'never compares groups of different models in a finding' {
        foreach ($finding in $findings) {
            $named = @($models | Where-Object { $finding.Text.Contains($_) })
            $named.Count | Should -BeLessOrEqual 1 -Because "'$($finding.Text)' names one model at most"
            if ($finding.Model) { $named | Should -Be $finding.Model }
            $finding.Kind | Should -Not -Be 'ModelComparison' -Because 'the models were measured in different files'
        }
    }

    It 'ranks each model''s configurations among its own only' {
        $gemmaConfigurations = @($metrics | Where-Object Model -eq 'gemma3:latest' | ForEach-Object Configuration | Sort-Object -Unique)
        $llamaConfigurations = @($metrics | Where-Object Model -eq 'llama3.1:8b' | ForEach-Object Configuration | Sort-Object -Unique)
        foreach ($finding in $findings | Where-Object Kind -in 'BestConfiguration', 'WorstConfiguration') {
            $own = if ($finding.Model -eq 'gemma3:latest') { $gemmaConfigurations } else { $llamaConfigurations }
            $other = if ($finding.Model -eq 'gemma3:latest') { $llamaConfigurations } else { $gemmaConfigurations }
            $own | Should -Contain $finding.Subject
            foreach ($configuration in $other) { $finding.Text | Should -Not -Match ([regex]::Escape($configuration)) }
        }
    }

    It 'never ranks the groups that name no model' {
        $findings | Where-Object { -not $_.Model -and $_.Kind -in 'BestConfiguration', 'WorstConfiguration', 'ColdStartPenalty', 'Reload' } | Should -BeNullOrEmpty
    }

    It 'never names two models in one recommendation' {
        $report.Recommendations | Should -Not -BeNullOrEmpty
        foreach ($recommendation in $report.Recommendations) {
            @($models | Where-Object { $recommendation.Contains($_) }).Count | Should -BeLessOrEqual 1 -Because $recommendation
        }
    }

    It 'gives each model its own line in the offline summary, every figure with its count' {
        foreach ($model in $models) {
            $line = @($report.Text -split "`n" | Where-Object { $_ -like "- **$model**:*" })
            $line.Count | Should -Be 1
            $line[0] | Should -Match 'n=\d+'
            foreach ($other in $models | Where-Object { $_ -ne $model }) { $line[0] | Should -Not -Match ([regex]::Escape($other)) }
        }
    }
}

Describe 'The HTML report of two models' {
    BeforeAll {
        $page = Join-Path $TestDrive 'two-models.html'
        $report | Export-InsightReport -Path $page
        $html = Get-Content $page -Raw
    }

    It 'opens with a headline card per model' {
        $cards = [regex]::Matches($html, '<article class="model">\s*<h3>([^<]+)</h3>') | ForEach-Object { $_.Groups[1].Value }
        $cards | Should -Be $models
        $html.IndexOf('<article class="model">') | Should -BeLessThan $html.IndexOf('<h2>Key Findings</h2>')
    }

    It 'names the model on every chart' {
        $titles = @([regex]::Matches($html, '<svg [^>]*aria-label="([^"]+)"') | ForEach-Object { $_.Groups[1].Value })
        $titles.Count | Should -BeGreaterThan 1
        foreach ($title in $titles) { @($models | Where-Object { $title.StartsWith("${_}:") }).Count | Should -Be 1 -Because $title }
    }

    It 'keeps the figures table collapsed: no table row is shown before it is opened' {
        $tableStart = $html.IndexOf('<h2>Data Summary</h2>')
        $tableStart | Should -BeGreaterThan $html.IndexOf('<h2>Key Findings</h2>')
        $open = [regex]::Matches($html.Substring($tableStart), '<details class="table"[^>]*\sopen')
        $open.Count | Should -Be 0
    }
}

Describe 'A failed -RequireLlm' {
    It 'writes an error, emits no report and leaves no file' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $target = Join-Path $TestDrive 'nightly.html'
        $output = $metrics | New-InsightReport -OllamaUri "http://127.0.0.1:$port/" -RequireLlm -ErrorVariable failure -ErrorAction SilentlyContinue |
            Export-InsightReport -Path $target
        $failure.Count | Should -Be 1
        $output | Should -BeNullOrEmpty
        Test-Path $target | Should -BeFalse
    }
}
