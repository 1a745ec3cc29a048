<#
.SYNOPSIS
    Renders the HTML report of a corpus to PNG in headless Chromium: build.ps1 Render starts it in a fresh pwsh.
.DESCRIPTION
    Get-BenchmarkInventory | Measure-BenchmarkMetrics | New-InsightReport -Offline (no Ollama needed, the same
    page every time), exported as HTML to <OutputPath>/<name>.html, then two screenshots: <name>.png, the first
    screen a reader sees (1280 x 1800), and <name>-full.png, the page down to -FullHeight pixels. Chromium is
    Debian's 'chromium' package; when it is missing and apt-get can run, it is installed.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $CorpusPath,
    [Parameter(Mandatory)][string] $OutputPath,
    [int] $FullHeight = 9000
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Get-Chromium {
    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }

    $aptGet = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue
    if (-not $aptGet) { throw 'Chromium is not installed and apt-get is not available: install Chromium to render the report.' }
    $prefix = if ((& id -u) -eq '0') { @() } else { @('sudo', '-n') }
    Write-Host 'Installing chromium (apt-get)' -ForegroundColor Cyan
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & @prefix $aptGet.Source update -qq | Out-Host
    & @prefix $aptGet.Source install -y -qq chromium | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "apt-get install chromium failed (exit code $LASTEXITCODE)." }
    return (Get-Command chromium -CommandType Application).Source
}

function Save-Screenshot([string] $Chromium, [string] $Page, [string] $Png, [int] $Width, [int] $Height) {
    # A fresh profile each time: no state, no first-run work, nothing fetched from the network.
    $userData = Join-Path ([IO.Path]::GetTempPath()) ("chimera-render-" + [guid]::NewGuid().ToString('n'))
    try {
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
            "--user-data-dir=$userData", "--window-size=$Width,$Height", "--screenshot=$Png", [Uri]::new($Page, [UriKind]::Absolute).AbsoluteUri)
        & $Chromium @arguments 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ -match "bytes written|ERROR:(?!dbus)" } | Out-Host
        if (-not (Test-Path $Png)) { throw "Chromium wrote no screenshot of $Page." }
    }
    finally {
        Remove-Item $userData -Recurse -Force -ErrorAction SilentlyContinue
    }
}

$OutputPath = (New-Item -ItemType Directory -Path $OutputPath -Force).FullName
$name = Split-Path (Resolve-Path $CorpusPath).Path -Leaf
$page = Join-Path $OutputPath "$name.html"
Get-BenchmarkInventory -LiteralPath $CorpusPath |
    Measure-BenchmarkMetrics -WarningAction SilentlyContinue -ErrorAction SilentlyContinue |
    New-InsightReport -Offline -WarningAction SilentlyContinue |
    Export-InsightReport -Path $page -Force

$chromium = Get-Chromium
Save-Screenshot $chromium $page (Join-Path $OutputPath "$name.png") 1280 1800
Save-Screenshot $chromium $page (Join-Path $OutputPath "$name-full.png") 1280 $FullHeight
Write-Host "Rendered $page to $name.png and $name-full.png in $OutputPath"
