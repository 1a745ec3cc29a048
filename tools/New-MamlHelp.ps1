<#
.SYNOPSIS
    Generates the module's MAML help from module/help/<Cmdlet>.psd1 and the cmdlets' own metadata.
.DESCRIPTION
    platyPS is not available from our package registry, so build.ps1 runs this in a fresh pwsh:
    the syntax, parameter types, positions, pipeline input and aliases come from the built cmdlets
    (Get-Command), the prose from one .psd1 per cmdlet. A cmdlet without a synopsis, description,
    example or a description for each of its parameters fails the build.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $HelpSource,
    [Parameter(Mandatory)][string] $Destination
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$problems = [System.Collections.Generic.List[string]]::new()

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
New-Item -ItemType Directory -Path (Split-Path $Destination) -Force | Out-Null
$temporary = "$Destination.tmp"
$w = [System.Xml.XmlWriter]::Create($temporary, $settings)

function Write-Para([string] $Text) {
    foreach ($paragraph in ($Text -split "`r?`n`r?`n")) {
        $w.WriteElementString('maml', 'para', $ns.maml, ($paragraph -replace '\s*\r?\n\s*', ' ').Trim())
    }
}

function Write-Description([string] $Text) {
    $w.WriteStartElement('maml', 'description', $ns.maml)
    Write-Para $Text
    $w.WriteEndElement()
}

function Get-PipelineText($attribute) {
    $kinds = @()
    if ($attribute.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attribute.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($parameter, $setParameter, [string] $description) {
    $attribute = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
    $required = if ($setParameter) { $setParameter.IsMandatory } else { [bool]$attribute.Mandatory }
    $position = if ($setParameter -and $setParameter.Position -ge 0) { "$($setParameter.Position)" } else { 'named' }
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', "$required".ToLowerInvariant())
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText $attribute))
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $parameter.Name)
    Write-Description $description
    if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteString($parameter.ParameterType.Name)
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, $parameter.ParameterType.FullName)
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')

foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    $command = Get-Command $name -Module $module.Name
    $sourceFile = Join-Path $HelpSource "$name.psd1"
    if (-not (Test-Path $sourceFile)) { $problems.Add("$name has no help source ($sourceFile)."); continue }
    $help = Import-PowerShellDataFile $sourceFile
    foreach ($key in 'Synopsis', 'Description', 'Examples') {
        if (-not $help[$key]) { $problems.Add("$name help has no $key.") }
    }
    $parameterHelp = if ($help['Parameters']) { $help.Parameters } else { @{} }
    $ownParameters = $command.Parameters.Values | Where-Object Name -notin $common | Sort-Object Name
    foreach ($parameter in $ownParameters) {
        if (-not $parameterHelp[$parameter.Name]) { $problems.Add("$name help does not describe -$($parameter.Name).") }
    }

    $verb, $noun = $name -split '-', 2
    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $name)
    Write-Description "$($help['Synopsis'])"
    $w.WriteElementString('command', 'verb', $ns.command, $verb)
    $w.WriteElementString('command', 'noun', $ns.command, $noun)
    $w.WriteEndElement()
    Write-Description "$($help['Description'])"

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $name)
        foreach ($setParameter in ($set.Parameters | Where-Object Name -notin $common)) {
            $parameter = $command.Parameters[$setParameter.Name]
            Write-Parameter $parameter $setParameter "$($parameterHelp[$parameter.Name])"
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($parameter in $ownParameters) {
        $firstSetParameter = $command.ParameterSets.Parameters | Where-Object Name -eq $parameter.Name | Select-Object -First 1
        Write-Parameter $parameter $firstSetParameter "$($parameterHelp[$parameter.Name])"
    }
    $w.WriteEndElement()

    if ($help['Inputs']) {
        $w.WriteStartElement('command', 'inputTypes', $ns.command)
        foreach ($input in @($help.Inputs)) {
            $w.WriteStartElement('command', 'inputType', $ns.command)
            $w.WriteStartElement('dev', 'type', $ns.dev)
            $w.WriteElementString('maml', 'name', $ns.maml, $input)
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($output in @($command.OutputType.Name)) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev)
        $w.WriteElementString('maml', 'name', $ns.maml, $output)
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    if ($help['Notes']) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        $w.WriteStartElement('maml', 'alert', $ns.maml)
        Write-Para $help.Notes
        $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in @($help['Examples'])) {
        $number++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        Write-Para "$($example['Remarks'])"
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @($help['Links']) + 'about_ChimeraInsight' | Where-Object { $_ } | Select-Object -Unique) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

if ($problems.Count) {
    Remove-Item $temporary -Force
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}
Move-Item $temporary $Destination -Force
