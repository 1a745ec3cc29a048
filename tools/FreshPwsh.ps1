# Dot-sourced by build.ps1 and the benchmark: how to start a fresh pwsh process like the current one.

# The command line of a fresh pwsh: the dotnet tool runs as 'dotnet pwsh.dll', an installed pwsh as itself.
function Get-FreshPwsh {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}
