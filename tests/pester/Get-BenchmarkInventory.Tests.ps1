# Get-BenchmarkInventory as a user meets it: paths and pipelines, filters, the summary, errors, formatting.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    function New-TestFile([string] $RelativePath, [string] $Content = 'x', [datetime] $LastWriteUtc) {
        $path = Join-Path $TestDrive $RelativePath
        New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
        [IO.File]::WriteAllText($path, $Content)
        if ($PSBoundParameters.ContainsKey('LastWriteUtc')) { [IO.File]::SetLastWriteTimeUtc($path, $LastWriteUtc) }
        $path
    }

    # A tree in the shapes of a real benchmark corpus: time-stamped runs, Unix-time baselines,
    # run folders without names of their own, copies of the same CSV and non-artifacts.
    $script:Lab = Join-Path $TestDrive 'lab'
    New-TestFile 'lab/compilation/conv_bench_20251002-170837.json' '{"conv":1}' ([datetime]'2025-10-02T17:10:00Z') | Out-Null
    New-TestFile 'lab/compilation/conv_bench_20251002-170837.md' '# conv' ([datetime]'2025-10-02T17:11:00Z') | Out-Null
    New-TestFile 'lab/compilation/mlp_bench_20251002-165750.json' '{"mlp":1}' ([datetime]'2025-10-02T16:58:00Z') | Out-Null
    New-TestFile 'lab/data/baseline_test_results_1759098967.json' '{"b":1}' ([datetime]'2025-09-28T22:40:00Z') | Out-Null
    New-TestFile 'lab/data/ollama_quant_bench.csv' "model,tokens_s`n a,1" ([datetime]'2025-09-30T10:00:00Z') | Out-Null
    New-TestFile 'lab/data/chimera_metrics_20250930_133204.json' '{"m":2}' ([datetime]'2025-09-30T13:33:00Z') | Out-Null
    New-TestFile 'lab/llama3/ollama_quant_bench.csv' "model,tokens_s`n a,1" ([datetime]'2025-10-01T09:00:00Z') | Out-Null
    New-TestFile 'lab/llama3/baseline_report.txt' 'text' | Out-Null
    New-TestFile 'lab/exp/chimera_homo_gpu80_ctx512/run_1/summary.json' '{"run":1}' ([datetime]'2025-10-03T08:00:00Z') | Out-Null
    New-TestFile 'lab/exp/chimera_homo_gpu80_ctx512/run_2/summary.json' '{"run":2}' ([datetime]'2025-10-03T09:00:00Z') | Out-Null
    New-TestFile 'lab/exp/chimera_homo_gpu80_ctx512/run_2/run_1/metrics.json' '{"m":1}' ([datetime]'2025-10-03T09:01:00Z') | Out-Null
    New-TestFile 'lab/exp/20251004-151204/metrics.json' '{"m":3}' ([datetime]'2025-10-04T15:20:00Z') | Out-Null
    New-TestFile 'lab/LICENSE' 'MIT' | Out-Null

    function Invoke-Isolated([string] $Script) {
        # A fresh pwsh for cases that need another process (dropped privileges).
        $pwsh = [Environment]::ProcessPath
        [string[]] $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $full = "Import-Module '$env:CHIMERA_INSIGHT_MODULE'; $Script"
        if ($IsLinux -and [Environment]::UserName -eq 'root' -and (Get-Command setpriv -ErrorAction Ignore)) {
            # root reads everything: drop the capabilities that let it, so permissions apply.
            & setpriv '--bounding-set=-dac_override,-dac_read_search' $pwsh @prefix -NoProfile -NonInteractive -Command $full
        } else {
            & $pwsh @prefix -NoProfile -NonInteractive -Command $full
        }
    }
}

Describe 'Get-BenchmarkInventory' {
    Context 'walking a tree' {
        BeforeAll { $script:files = @(Get-BenchmarkInventory $Lab) }

        It 'emits one BenchmarkFile per artifact and passes over the rest' {
            $files.Count | Should -Be 11
            $files | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkFile' }
            $files.Name | Should -Not -Contain 'LICENSE'
            $files.Name | Should -Not -Contain 'baseline_report.txt'
        }

        It 'walks in a fixed order: files of a folder by ordinal name, then its subfolders' {
            $files[0..3].RelativePath | Should -Be @(
                'compilation/conv_bench_20251002-170837.json'
                'compilation/conv_bench_20251002-170837.md'
                'compilation/mlp_bench_20251002-165750.json'
                'data/baseline_test_results_1759098967.json')
            (@(Get-BenchmarkInventory $Lab).RelativePath -join '|') | Should -Be ($files.RelativePath -join '|')
        }

        It 'fills kind, length, time, root and hash' {
            $conv = $files | Where-Object Name -eq 'conv_bench_20251002-170837.md'
            "$($conv.Kind)" | Should -Be 'Markdown'
            $conv.Length | Should -Be 6
            $conv.LastWriteTimeUtc | Should -Be ([datetime]'2025-10-02T17:11:00Z').ToUniversalTime()
            $conv.Root | Should -Be $Lab
            $conv.FullName | Should -Be (Join-Path $Lab 'compilation/conv_bench_20251002-170837.md')
            $conv.ContentHash | Should -Match '^[0-9a-f]{32}$'
        }

        It 'names the first file with the same content in DuplicateOf' {
            ($files | Where-Object RelativePath -eq 'llama3/ollama_quant_bench.csv').DuplicateOf | Should -Be 'data/ollama_quant_bench.csv'
            ($files | Where-Object RelativePath -eq 'data/ollama_quant_bench.csv').DuplicateOf | Should -BeNullOrEmpty
            @($files | Where-Object DuplicateOf).Count | Should -Be 1
        }

        It 'reads families and run time stamps from the naming styles of benchmark tools' {
            $byPath = @{}; $files | ForEach-Object { $byPath[$_.RelativePath] = $_ }
            $byPath['compilation/conv_bench_20251002-170837.json'].Family | Should -Be 'conv_bench'
            $byPath['compilation/conv_bench_20251002-170837.json'].RunTimestamp | Should -Be ([datetime]::new(2025, 10, 2, 17, 8, 37))
            $byPath['data/baseline_test_results_1759098967.json'].Family | Should -Be 'baseline_test_results'
            $byPath['data/baseline_test_results_1759098967.json'].RunTimestamp | Should -Be ([datetime]::new(2025, 9, 28, 22, 36, 7, [DateTimeKind]::Utc))
            $byPath['data/chimera_metrics_20250930_133204.json'].RunTimestamp | Should -Be ([datetime]::new(2025, 9, 30, 13, 32, 4))
            $byPath['data/ollama_quant_bench.csv'].RunTimestamp | Should -BeNullOrEmpty
            $byPath['exp/chimera_homo_gpu80_ctx512/run_2/summary.json'].Family | Should -Be 'chimera_homo_gpu80_ctx512/summary'
            $byPath['exp/chimera_homo_gpu80_ctx512/run_2/run_1/metrics.json'].Family | Should -Be 'chimera_homo_gpu80_ctx512/metrics'
            $byPath['exp/20251004-151204/metrics.json'].Family | Should -Be 'exp/metrics'
            $byPath['exp/20251004-151204/metrics.json'].RunTimestamp | Should -Be ([datetime]::new(2025, 10, 4, 15, 12, 4))
        }

        It 'names each file passed over with -Verbose' {
            $verbose = Get-BenchmarkInventory $Lab -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match 'LICENSE'
            ($verbose.Message -join "`n") | Should -Match 'baseline_report\.txt'
        }

        It 'streams: the first file arrives without waiting for the walk to end' {
            $first = Get-BenchmarkInventory $Lab | Select-Object -First 1
            $first.RelativePath | Should -Be 'compilation/conv_bench_20251002-170837.json'
        }
    }

    Context 'paths and the pipeline' {
        It 'takes the current folder when no path is given' {
            Push-Location (Join-Path $Lab 'data')
            try { @(Get-BenchmarkInventory).Count | Should -Be 3 } finally { Pop-Location }
        }

        It 'expands wildcards in -Path' {
            @(Get-BenchmarkInventory (Join-Path $Lab 'compilation/conv*')).Name | Should -Be @('conv_bench_20251002-170837.json', 'conv_bench_20251002-170837.md')
        }

        It 'takes -LiteralPath exactly as written' {
            $odd = New-TestFile 'odd/[x]/a.csv'
            (Get-BenchmarkInventory -LiteralPath (Join-Path $TestDrive 'odd/[x]')).FullName | Should -Be $odd
        }

        It 'takes paths from the pipeline as strings and by a Path property' {
            @((Join-Path $Lab 'data'), (Join-Path $Lab 'llama3') | Get-BenchmarkInventory).Count | Should -Be 4
            @([pscustomobject]@{ Path = (Join-Path $Lab 'llama3') } | Get-BenchmarkInventory).Count | Should -Be 1
        }

        It 'takes what Get-ChildItem emits, through PSPath' {
            $found = Get-ChildItem (Join-Path $Lab 'data') -File | Get-BenchmarkInventory
            @($found).Count | Should -Be 3
            $found[0].RelativePath | Should -Be 'baseline_test_results_1759098967.json'
            @(Get-ChildItem $Lab -Directory | Get-BenchmarkInventory).Count | Should -Be 11
        }

        It 'takes folders that came back from Import-Clixml' {
            $saved = Join-Path $TestDrive 'folders.clixml'
            Get-ChildItem $Lab -Directory | Export-Clixml $saved
            $folders = Import-Clixml $saved
            $folders[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.System.IO.DirectoryInfo'
            @($folders | Get-BenchmarkInventory).Count | Should -Be 11
        }

        It 'lists a file reached twice once' {
            @(Get-BenchmarkInventory $Lab, (Join-Path $Lab 'data/ollama_quant_bench.csv')).Count | Should -Be 11
        }

        It 'lists the same content under two roots as a duplicate across them' {
            $both = Get-BenchmarkInventory (Join-Path $Lab 'data'), (Join-Path $Lab 'llama3')
            ($both | Where-Object Name -eq 'ollama_quant_bench.csv')[1].DuplicateOf | Should -Be 'ollama_quant_bench.csv'
        }
    }

    Context 'filters' {
        It '-Depth limits the folder levels' {
            @(Get-BenchmarkInventory $Lab -Depth 0).Count | Should -Be 0
            @(Get-BenchmarkInventory $Lab -Depth 1).Count | Should -Be 7
            @(Get-BenchmarkInventory (Join-Path $Lab 'exp') -Depth 2).RelativePath | Should -Be @(
                '20251004-151204/metrics.json', 'chimera_homo_gpu80_ctx512/run_1/summary.json', 'chimera_homo_gpu80_ctx512/run_2/summary.json')
        }

        It '-Include and -Exclude match file names' {
            @(Get-BenchmarkInventory $Lab -Include '*bench*').Name | Should -Be @(
                'conv_bench_20251002-170837.json', 'conv_bench_20251002-170837.md', 'mlp_bench_20251002-165750.json', 'ollama_quant_bench.csv', 'ollama_quant_bench.csv')
            @(Get-BenchmarkInventory $Lab -Include '*bench*' -Exclude '*.md', 'mlp*').Name | Should -Be @(
                'conv_bench_20251002-170837.json', 'ollama_quant_bench.csv', 'ollama_quant_bench.csv')
        }

        It '-Kind keeps only those kinds' {
            @(Get-BenchmarkInventory $Lab -Kind Csv).RelativePath | Should -Be @('data/ollama_quant_bench.csv', 'llama3/ollama_quant_bench.csv')
            @(Get-BenchmarkInventory $Lab -Kind Markdown, csv).Count | Should -Be 3
        }

        It '-Since (inclusive) and -Before (exclusive) test the last write time' {
            $since = [datetime]'2025-10-02T17:10:00Z'
            @(Get-BenchmarkInventory $Lab -Since $since -Before ([datetime]'2025-10-03T09:00:00Z')).Name | Should -Be @(
                'conv_bench_20251002-170837.json', 'conv_bench_20251002-170837.md', 'summary.json')
        }

        It 'leaves hidden files and folders out unless -Force is given' {
            New-TestFile 'hidden/a.csv' | Out-Null
            New-TestFile 'hidden/.b.csv' | Out-Null
            New-TestFile 'hidden/.git/c.json' | Out-Null
            $root = Join-Path $TestDrive 'hidden'
            @(Get-BenchmarkInventory $root).RelativePath | Should -Be @('a.csv')
            @(Get-BenchmarkInventory $root -Force).RelativePath | Should -Be @('.b.csv', 'a.csv', '.git/c.json')
        }

        It 'refuses an empty time range' {
            { Get-BenchmarkInventory $Lab -Since '2025-10-02' -Before '2025-10-01' } | Should -Throw -ErrorId 'EmptyDateRange,*'
        }
    }

    Context 'the summary' {
        BeforeAll { $script:summary = Get-BenchmarkInventory $Lab -Summary }

        It 'is one BenchmarkInventorySummary with the true counts' {
            @($summary).Count | Should -Be 1
            $summary.PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkInventorySummary'
            $summary.Roots | Should -Be @($Lab)
            $summary.FileCount | Should -Be 11
            ($summary.Kinds | ForEach-Object { "$($_.Kind)=$($_.Count)" }) -join ',' | Should -Be 'Csv=2,Json=8,Markdown=1,Text=0'
            [math]::Round(($summary.Kinds | Where-Object Kind -eq 'Json').SharePercent, 2) | Should -Be 72.73
            ($summary.Kinds | Where-Object Kind -eq 'Json').LatestModifiedUtc | Should -Be ([datetime]'2025-10-04T15:20:00Z').ToUniversalTime()
            $summary.LatestModifiedUtc | Should -Be ([datetime]'2025-10-04T15:20:00Z').ToUniversalTime()
            $summary.TotalBytes | Should -Be ((Get-BenchmarkInventory $Lab | Measure-Object Length -Sum).Sum)
        }

        It 'lists duplicates, families and the files passed over' {
            $summary.DuplicateGroups.Count | Should -Be 1
            $summary.DuplicateGroups[0].Files | Should -Be @('data/ollama_quant_bench.csv', 'llama3/ollama_quant_bench.csv')
            ($summary.Families | Where-Object Family -eq 'conv_bench').Count | Should -Be 2
            ($summary.Families | Where-Object Family -eq 'chimera_homo_gpu80_ctx512/summary').Count | Should -Be 2
            $summary.SkippedCount | Should -Be 2
            $summary.Skipped | Should -Be @('LICENSE', 'llama3/baseline_report.txt')
        }

        It 'reads as a list a person can follow' {
            $text = $summary | Out-String -Width 200
            $text | Should -Match 'FileCount\s+:\s+11'
            $text | Should -Match 'Json\s+8 files\s+72\.7%'
            $text | Should -Match 'data/ollama_quant_bench\.csv = llama3/ollama_quant_bench\.csv'
            $text | Should -Match 'conv_bench \(2\)'
            $text | Should -Match 'llama3/baseline_report\.txt'
        }

        It 'reads the same after a trip through serialization' -ForEach @(@{ Depth = 2 }, @{ Depth = 3 }) {
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary, $Depth))
            $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkInventorySummary'
            ($copy | Out-String -Width 200) | Should -Be ($summary | Out-String -Width 200)
            ($copy.Kinds | Out-String -Width 200) | Should -Be ($summary.Kinds | Out-String -Width 200)
        }

        It 'keeps kinds, families and duplicates whole at the default depth of jobs and remoting (the module sets SerializationDepth)' {
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary, 1))
            ($copy | Out-String -Width 200) | Should -Be ($summary | Out-String -Width 200)
            $copy.Kinds[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.KindSummary'
        }

        It 'shows its parts as tables' {
            ($summary.Kinds | Out-String) | Should -Match 'Share %'
            ($summary.DuplicateGroups | Out-String) | Should -Match 'Original'
            ($summary.Families | Out-String -Width 200) | Should -Match '2 conv_bench'
        }
    }

    Context 'formatting' {
        It 'shows files as a table grouped by root' {
            $text = Get-BenchmarkInventory $Lab | Out-String -Width 250
            $text | Should -Match 'Root: '
            $text | Should -Match 'RelativePath\s+Kind\s+Length\s+Modified\s+Copy'
            $text | Should -Match 'llama3/ollama_quant_bench\.csv\s+Csv\s+\d+ 2025-10-01\s+yes'
        }

        It 'fits 80 columns with the relative path in full' {
            $text = Get-BenchmarkInventory $Lab | Out-String -Width 80
            $text -split "`n" | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum | ForEach-Object Maximum | Should -BeLessOrEqual 80
            $text | Should -Match 'llama3/ollama_quant_bench\.csv'
        }

        It 'shows deserialized files the same way' {
            $files = Get-BenchmarkInventory $Lab
            $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($files))
            $copies[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkFile'
            ($copies | Out-String -Width 250) | Should -Be ($files | Out-String -Width 250)
        }
    }

    Context 'bad input' {
        It 'writes one ItemNotFound error naming a missing path and still walks the others' {
            $missing = Join-Path $TestDrive 'no-such-folder'
            $found = Get-BenchmarkInventory $missing, (Join-Path $Lab 'data') -ErrorVariable problems -ErrorAction SilentlyContinue
            @($found).Count | Should -Be 3
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,Chimera.Insight.Commands.GetBenchmarkInventoryCommand'
            $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $problems[0].Exception | Should -BeOfType [System.Management.Automation.ItemNotFoundException]
            $problems[0].TargetObject | Should -Be $missing
            $problems[0].ToString() | Should -Match ([regex]::Escape($missing))
        }

        It 'does the same for a missing -LiteralPath and a wildcard that matches nothing' {
            $null = Get-BenchmarkInventory -LiteralPath (Join-Path $TestDrive 'gone[1]') -ErrorVariable literal -ErrorAction SilentlyContinue
            $literal[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            $null = Get-BenchmarkInventory (Join-Path $TestDrive 'nothing*here') -ErrorVariable wildcard -ErrorAction SilentlyContinue
            $wildcard[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        }

        It 'stops at a missing path with -ErrorAction Stop' {
            { Get-BenchmarkInventory (Join-Path $TestDrive 'no-such-folder') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,*'
        }

        It 'refuses a path that is not on the file system' {
            $null = Get-BenchmarkInventory Env:PATH -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'NotFileSystemPath,*'
        }

        It 'reports a file it cannot read and goes on' {
            New-TestFile 'locked/a.csv' '1' | Out-Null
            $locked = New-TestFile 'locked/b.csv' '2'
            New-TestFile 'locked/c.csv' '3' | Out-Null
            $holder = [IO.File]::Open($locked, 'Open', 'ReadWrite', 'None')
            try {
                $found = Get-BenchmarkInventory (Join-Path $TestDrive 'locked') -ErrorVariable problems -ErrorAction SilentlyContinue
            } finally { $holder.Dispose() }
            $found.Name | Should -Be @('a.csv', 'c.csv')
            $problems.Count | Should -Be 1
            $problems[0].TargetObject | Should -Be $locked
            $problems[0].CategoryInfo.Category | Should -Be 'ReadError'
        }

        It 'reports a folder and a file it is not allowed to read and goes on' -Skip:(-not $IsLinux) {
            $root = Join-Path $TestDrive 'closed'
            New-TestFile 'closed/a.csv' | Out-Null
            New-TestFile 'closed/private/b.csv' | Out-Null
            $secret = New-TestFile 'closed/secret.json' '{}'
            New-TestFile 'closed/z/c.csv' | Out-Null
            chmod 000 (Join-Path $root 'private') $secret
            try {
                $out = Invoke-Isolated "Get-BenchmarkInventory '$root' -ErrorVariable e -ErrorAction SilentlyContinue | ForEach-Object { 'FILE ' + `$_.RelativePath }; `$e | ForEach-Object { 'ERROR ' + `$_.FullyQualifiedErrorId + ' ' + `$_.TargetObject }"
            } finally { chmod 700 (Join-Path $root 'private') $secret }
            $out | Should -Contain 'FILE a.csv'
            $out | Should -Contain 'FILE z/c.csv'
            $out | Should -Contain "ERROR AccessDenied,Chimera.Insight.Commands.GetBenchmarkInventoryCommand $(Join-Path $root 'private')"
            $out | Should -Contain "ERROR AccessDenied,Chimera.Insight.Commands.GetBenchmarkInventoryCommand $secret"
        }

        It 'never opens a FIFO named like an artifact' -Skip:$IsWindows {
            $root = Join-Path $TestDrive 'fifo'
            New-TestFile 'fifo/a.csv' | Out-Null
            mkfifo (Join-Path $root 'pipe.csv')
            $found = Get-BenchmarkInventory $root -ErrorVariable problems -ErrorAction SilentlyContinue
            $found.Name | Should -Be 'a.csv'
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
            $problems[0].ToString() | Should -Match 'pipe\.csv.*FIFO'
        }

        It 'reports a dangling link and goes on' -Skip:$IsWindows {
            $root = Join-Path $TestDrive 'dangling'
            New-TestFile 'dangling/a.csv' | Out-Null
            New-Item -ItemType SymbolicLink -Path (Join-Path $root 'broken.json') -Target (Join-Path $root 'nowhere.json') | Out-Null
            $found = Get-BenchmarkInventory $root -ErrorVariable problems -ErrorAction SilentlyContinue
            $found.Name | Should -Be 'a.csv'
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'DanglingLink,*'
            $problems[0].TargetObject | Should -Be (Join-Path $root 'broken.json')
        }

        It 'enters folder links only with -FollowSymlink, and then stops at loops' -Skip:$IsWindows {
            $root = Join-Path $TestDrive 'links'
            New-TestFile 'links/data/a.csv' | Out-Null
            $mirror = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'mirror') -Target (Join-Path $root 'data')
            $back = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'data/back') -Target $root
            try {
                $plainFound = @(Get-BenchmarkInventory $root -ErrorVariable plain)
                $verbose = (Get-BenchmarkInventory $root -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
                $followed = Get-BenchmarkInventory $root -FollowSymlink -ErrorVariable loops -ErrorAction SilentlyContinue
            } finally {
                # Pester's own clean-up of TestDrive enumerates through folder links: leave it no loop.
                rm -f $back.FullName $mirror.FullName
            }

            $plainFound.RelativePath | Should -Be @('data/a.csv')
            $plain.Count | Should -Be 0
            $verbose | Should -Match 'mirror'
            $followed.RelativePath | Should -Be @('data/a.csv', 'mirror/a.csv')
            $followed[1].DuplicateOf | Should -Be 'data/a.csv'
            $loops.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'LinkLoop,*' }
            $loops.TargetObject | Should -Contain (Join-Path $root 'data/back')
        }

        It 'treats a folder named x.json as a folder' {
            New-TestFile 'named/x.json/inner.md' | Out-Null
            (Get-BenchmarkInventory (Join-Path $TestDrive 'named') -ErrorVariable problems).RelativePath | Should -Be 'x.json/inner.md'
            $problems.Count | Should -Be 0
        }

        It 'handles a newline in a file name, Unicode names and 60-deep folders' {
            $odd = if ($IsWindows) { 'line break.csv' } else { "line`nbreak.csv" }
            New-TestFile "strange/$odd" | Out-Null
            New-TestFile 'strange/résumé/données_20251002-170837.json' | Out-Null
            $deep = ((1..60 | ForEach-Object { "d$_" }) -join '/') + '/deep.md'
            New-TestFile "strange/$deep" | Out-Null
            $found = Get-BenchmarkInventory (Join-Path $TestDrive 'strange') -ErrorVariable problems
            $problems.Count | Should -Be 0
            $found.RelativePath | Should -Be @($odd, $deep, 'résumé/données_20251002-170837.json')
            $found[2].Family | Should -Be 'données'
        }
    }

    Context 'stopping' {
        It 'stops at once when the pipeline is stopped' {
            $root = Join-Path $TestDrive 'many'
            1..300 | ForEach-Object { New-TestFile ('many/f{0:D4}.csv' -f $_) "$_" | Out-Null }
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$env:CHIMERA_INSIGHT_MODULE'; Get-BenchmarkInventory '$root' | ForEach-Object { Start-Sleep -Milliseconds 200; `$_ }")
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                while ($output.Count -lt 1 -and -not $async.IsCompleted) { Start-Sleep -Milliseconds 20 }
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $output.Count | Should -BeLessThan 300
            } finally { $ps.Dispose() }
        }
    }
}
