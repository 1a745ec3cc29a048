<#
.SYNOPSIS
    Writes the hostile corpus of the reliability tests: known-good files (in odd clothes too) beside
    every kind of bad input a lab server's report folder has been seen to hold.
.OUTPUTS
    A description: the good figures expected (model 'good-model': TokensPerSecond values) and the
    bad files with the reason each must be reported for.
#>
param([Parameter(Mandatory)][string] $Path)

$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Path $Path -Force | Out-Null
$utf8 = [System.Text.UTF8Encoding]::new($false)
$header = 'model,num_ctx,ttft_s,tokens_s,load_s,error'

function Write-Bytes([string] $Name, [byte[]] $Bytes) {
    $file = Join-Path $Path $Name
    New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
    [IO.File]::WriteAllBytes($file, $Bytes)
}
function Write-Text([string] $Name, [string] $Text, [System.Text.Encoding] $Encoding = $utf8) {
    # WriteAllText writes the encoding's preamble (the BOM) when it has one.
    $file = Join-Path $Path $Name
    New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
    [IO.File]::WriteAllText($file, $Text, $Encoding)
}
function New-GoodRows([double[]] $Tps, [string] $NewLine = "`n", [string] $Header = $header) {
    $rows = foreach ($t in $Tps) { "good-model,2048,0.12,$($t.ToString([cultureinfo]::InvariantCulture)),0.05," }
    ($Header, $rows | ForEach-Object { $_ }) -join $NewLine
}

# Known-good files; every TokensPerSecond value of model good-model must be counted exactly once.
$good = [System.Collections.Generic.List[double]]::new()
function Add-Good([double[]] $values) { foreach ($v in $values) { $good.Add($v) } }

Write-Text 'good/plain.csv' (New-GoodRows @(100, 101, 102, 103)); Add-Good @(100, 101, 102, 103)
Write-Text 'good/utf16-bom.csv' (New-GoodRows @(104, 105)) ([System.Text.UnicodeEncoding]::new($false, $true)); Add-Good @(104, 105)
Write-Text 'good/utf8-bom.csv' (New-GoodRows @(106)) ([System.Text.UTF8Encoding]::new($true)); Add-Good @(106)
Write-Text 'good/crlf.csv' (New-GoodRows @(107, 108) "`r`n"); Add-Good @(107, 108)
Write-Text 'good/odd-header.csv' (New-GoodRows @(109) "`n" ' Model ,NUM_CTX, TTFT_S ,Tokens_S,LOAD_S ,Error'); Add-Good @(109)
Write-Text 'données/測試 ünïcode.csv' (New-GoodRows @(110)); Add-Good @(110)
$deep = (1..60 | ForEach-Object { "d$_" }) -join '/'
Write-Text "$deep/deep.csv" (New-GoodRows @(111)); Add-Good @(111)
Write-Text 'good/results.json' '{"model":"good-model","options":{"num_ctx":2048},"results":[{"ttft_s":0.12,"tokens_s":112,"load_s":0.05},{"ttft_s":0.12,"tokens_s":113,"load_s":0.05}]}'; Add-Good @(112, 113)
Write-Text 'good/log.jsonl' ('{"model":"good-model","num_ctx":2048,"ttft_s":0.12,"tokens_s":114,"load_s":0.05}' + "`n" + '{"model":"good-model","num_ctx":2048,"ttft_s":0.12,"tokens_s":115,"load_s":0.05}' + "`n"); Add-Good @(114, 115)

# Partly good: the good rows/lines of a damaged file still count.
Write-Text 'bad/jsonl-one-broken-line.jsonl' ('{"model":"good-model","num_ctx":2048,"ttft_s":0.12,"tokens_s":116,"load_s":0.05}' + "`n" + '{"model": "good-model", "tokens_s": 1' + "`n" + '{"model":"good-model","num_ctx":2048,"ttft_s":0.12,"tokens_s":117,"load_s":0.05}' + "`n"); Add-Good @(116, 117)
Write-Text 'bad/ragged.csv' ((New-GoodRows @(118)) + "`ngood-model,2048,0.12`n" + "good-model,2048,0.12,119,0.05,,extra,cells"); Add-Good @(118)
Write-Text 'bad/bad-numbers.csv' ("$header`ngood-model,2048,0.12,NaN,0.05,`ngood-model,2048,0.12,Infinity,0.05,`ngood-model,2048,0.12,N/A,0.05,`ngood-model,2048,0.12,,0.05,`ngood-model,2048,0.12,-5,0.05,`ngood-model,2048,0.12,1e300,0.05,`ngood-model,2048,-0.5,120,0.05,")
Add-Good @(120)   # the row's negative TTFT is refused; its throughput is a valid figure of its own
Write-Text 'bad/thousands.csv' "$header`ngood-model,2048,0.12,""1,234.5"",0.05,"

# Bad through and through.
Write-Text 'bad/truncated.json' '{"model":"good-model","results":[{"ttft_s":0.12,"tokens_s":1'
Write-Text 'bad/deep-nesting.json' (('[' * 100000) + (']' * 100000))
Write-Text 'bad/empty.csv' ''
Write-Text 'bad/empty.json' ''
Write-Text 'bad/header-only.csv' $header
Write-Text 'bad/unbalanced-quote.csv' "$header`n""good-model,2048,0.12,121,0.05,"
Write-Text 'bad/semicolon-decimal-comma.csv' "model;num_ctx;ttft_s;tokens_s;load_s;error`nsemicolon-model;2048;0,12;98,5;0,05;"
Write-Text 'bad/duplicate-keys.json' '{"model":"dup-model","tokens_s":1,"tokens_s":2}'
Write-Text 'bad/bare-scalar.json' '42'
Write-Text 'bad/mixed-array.json' '[1, "two", {"model":"mixed-model","tokens_s":3}, [4]]'
Write-Text 'bad/garbage-metrics.md' "# Report`n`n## Metrics`n- Throughput: lots tok/s`n- TTFT: NaN ms`n- Load Duration: -3 ms`n"
$columns = (1..20000 | ForEach-Object { "c$_" }) -join ','
Write-Text 'bad/wide.csv' ("$columns`n" + ((1..20000 | ForEach-Object { '1' }) -join ','))
Write-Text "bad/new`nline.csv" (New-GoodRows @(122)); Add-Good @(122)
Write-Bytes 'bad/invalid-utf8.csv' ([byte[]]($utf8.GetBytes("$header`ngood-model,2048,0.12,") + [byte[]](0xC3, 0x28, 0xFF) + $utf8.GetBytes(",0.05,`n")))
$random = [System.Random]::new(8)
$noise = [byte[]]::new(4096); $random.NextBytes($noise)
Write-Bytes 'bad/random-binary.json' $noise
Write-Bytes 'bad/nul-bytes.md' ([byte[]]($utf8.GetBytes("# R`n`n## Metrics`n- Throughput: 1") + [byte[]](0, 0, 0) + $utf8.GetBytes("00 tok/s`n")))
$record = '{"ttft_s":0.1,"tokens_s":90,"load_s":0.05},'
$bigLine = '{"model":"big-model","results":[' + ($record * [int][Math]::Ceiling(64MB / $record.Length)) + '{"ttft_s":0.1,"tokens_s":90,"load_s":0.05}]}'
Write-Text 'bad/huge-single-line.json' $bigLine
$bigLine = $null
New-Item -ItemType Directory -Path (Join-Path $Path 'bad/x.json') -Force | Out-Null
if ($IsLinux -or $IsMacOS) {
    & mkfifo (Join-Path $Path 'bad/fifo.csv')
    New-Item -ItemType Directory -Path (Join-Path $Path 'bad/loop') -Force | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $Path 'bad/loop/again') -Target (Join-Path $Path 'bad/loop') | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $Path 'bad/dangling.csv') -Target (Join-Path $Path 'bad/nowhere.csv') | Out-Null
}

[pscustomobject]@{
    GoodModel           = 'good-model'
    GoodTokensPerSecond = $good.ToArray()
    BadFiles            = @(
        'truncated.json', 'deep-nesting.json', 'empty.csv', 'empty.json', 'header-only.csv', 'unbalanced-quote.csv',
        'bad-numbers.csv', 'thousands.csv', 'ragged.csv', 'jsonl-one-broken-line.jsonl', 'bare-scalar.json',
        'mixed-array.json', 'garbage-metrics.md', 'invalid-utf8.csv', 'random-binary.json', 'duplicate-keys.json', 'nul-bytes.md'
    )
    # Valid but large (1.5 million records of big-model): over the default -MaxFileSize, so skipped with an error.
    HugeFile            = 'huge-single-line.json'
}
