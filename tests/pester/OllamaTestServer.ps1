# Dot-source this file to start the Ollama-protocol test server ($env:CHIMERA_TEST_SERVER) as a process
# on a free loopback port, and to stop it:
#     . (Join-Path $PSScriptRoot 'OllamaTestServer.ps1')
#     $server = Start-OllamaTestServer -ArgumentList '--preload', 'gemma3:latest'
#     ... -OllamaUri $server.Uri ...      # http://127.0.0.1:PORT/
#     Get-OllamaTestServerLog $server     # the requests it received (method, path, headers, body, firstChunkMs...)
#     Stop-OllamaTestServer $server
# Faults are chosen per request by the model name (crash:latest, busy-2:x, stall-5:latest, drop:latest,
# error-midstream:latest, nodone:latest, forbidden:latest, think:latest, refuse-long:latest) or the
# X-Test-Scenario header. Server options: --token-rate N --tokens N --prompt-delay-ms N --cold-load-ms N
# --num-ctx N --refuse-long-prompts --busy-first K --stall-seconds N --require-key KEY --preload a,b --version V.

function Start-OllamaTestServer {
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [int] $StartTimeoutSec = 30
    )

    if (-not $env:CHIMERA_TEST_SERVER -or -not (Test-Path $env:CHIMERA_TEST_SERVER)) {
        throw "CHIMERA_TEST_SERVER does not name the built OllamaTestServer.dll ('$env:CHIMERA_TEST_SERVER')."
    }

    $dotnet = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') { $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source }

    $start = [Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($argument in @($env:CHIMERA_TEST_SERVER, '--port', '0') + $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true   # the server runs until its stdin closes
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($start)

    $firstLine = $process.StandardOutput.ReadLineAsync()
    if (-not $firstLine.Wait([TimeSpan]::FromSeconds($StartTimeoutSec)) -or $firstLine.Result -notmatch '^Listening on (?<uri>http://127\.0\.0\.1:(?<port>\d+)/)') {
        $errorText = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { '' }
        if (-not $process.HasExited) { $process.Kill() }
        $process.Dispose()
        throw "The Ollama test server did not start: '$($firstLine.Result)' $errorText"
    }

    [pscustomobject]@{
        PSTypeName = 'Chimera.Insight.Tests.OllamaTestServer'
        Process    = $process
        Uri        = $Matches.uri
        Port       = [int] $Matches.port
    }
}

function Stop-OllamaTestServer {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Server)

    process {
        $process = $Server.Process
        if (-not $process.HasExited) {
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(5000)) { $process.Kill() }
        }
        $process.Dispose()
    }
}

function Get-OllamaTestServerLog {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    foreach ($entry in (Invoke-RestMethod -Uri "$($Server.Uri)_test/log" -TimeoutSec 10)) { $entry }
}

function Clear-OllamaTestServerLog {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    Invoke-RestMethod -Method Delete -Uri "$($Server.Uri)_test/log" -TimeoutSec 10 | Out-Null
}

# A loopback port nothing listens on (for offline tests).
function Get-UnusedLoopbackPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}
