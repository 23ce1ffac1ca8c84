<#
.SYNOPSIS
    Turns the platyPS (schema 2.0.0) markdown pages in docs/ into one MAML help file.
.DESCRIPTION
    platyPS cannot be installed on every build machine; this reads the same markdown it writes
    (front matter, SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS with their yaml blocks,
    INPUTS, OUTPUTS, NOTES, RELATED LINKS) and emits the MAML that Get-Help reads.
    Syntax items are built from each parameter's "Parameter Sets" as platyPS does.
    Get-Help cuts text at the window's last column, in the middle of words: so paragraphs are
    wrapped here, between words, to fit 80 columns at the indentation Get-Help gives them.
    The front matter's "online version" is the first related link (Get-Help -Online opens it);
    links to other pages (relative) keep their text only.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Split-Sections([string[]] $Lines, [string] $Prefix) {
    # Returns ordered name -> lines for headings that start with exactly $Prefix ("## " or "### ").
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix) -and -not $line.StartsWith($Prefix + '#')) {
            $current = $line.Substring($Prefix.Length).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($null -ne $current) {
            $sections[$current].Add($line)
        }
    }
    $sections
}

function Get-Paragraphs([string[]] $Lines) {
    # Blank-line separated paragraphs, each the lines of one block; fenced blocks kept verbatim.
    $paragraphs = [System.Collections.Generic.List[object]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            if ($buffer.Count) { $paragraphs.Add([pscustomobject]@{ Lines = $buffer.ToArray(); Verbatim = $inFence }); $buffer.Clear() }
            $inFence = -not $inFence
            continue
        }
        if (-not $inFence -and [string]::IsNullOrWhiteSpace($line)) {
            if ($buffer.Count) { $paragraphs.Add([pscustomobject]@{ Lines = $buffer.ToArray(); Verbatim = $false }); $buffer.Clear() }
            continue
        }
        $buffer.Add($(if ($inFence) { $line } else { $line.Trim() }))
    }
    if ($buffer.Count) { $paragraphs.Add([pscustomobject]@{ Lines = $buffer.ToArray(); Verbatim = $inFence }) }
    $paragraphs
}

function Format-Paragraph($Paragraph, [int] $Width) {
    <#
    A paragraph as Get-Help should print it: a fenced block as written; text with its source line
    breaks removed and wrapped between words at $Width; each list item ("- ", "1. ") on a line of
    its own, its continuation hanging under its text.
    #>
    if ($Paragraph.Verbatim) { return $Paragraph.Lines -join "`n" }
    $items = [System.Collections.Generic.List[string]]::new()
    foreach ($line in $Paragraph.Lines) {
        if ($items.Count -eq 0 -or $line -match '^([-*]|\d+\.) ') { $items.Add($line) } else { $items[$items.Count - 1] += ' ' + $line }
    }
    $out = foreach ($item in $items) {
        $hang = if ($item -match '^(([-*]|\d+\.) )') { ' ' * $Matches[1].Length } else { '' }
        $line = ''
        foreach ($word in $item -split ' +') {
            if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) { $line; $line = $hang + $word }
            elseif ($line) { $line += ' ' + $word }
            else { $line = $word }
        }
        $line
    }
    $out -join "`n"
}

function Get-Fence([string[]] $Lines) {
    $out = [System.Collections.Generic.List[string]]::new(); $in = $false; $done = $false
    $before = [System.Collections.Generic.List[string]]::new(); $after = [System.Collections.Generic.List[string]]::new()
    foreach ($line in $Lines) {
        if ($line -match '^```') { if ($in) { $in = $false; $done = $true } elseif (-not $done) { $in = $true }; continue }
        if ($in) { $out.Add($line) } elseif ($done) { $after.Add($line) } else { $before.Add($line) }
    }
    [pscustomobject]@{ Code = ($out -join "`n"); Before = $before.ToArray(); After = $after.ToArray() }
}

# Get-Help indents text by 4 (synopsis, description, examples) or 8 (parameters, inputs,
# outputs, notes); a line must end before column 80.
$TextWidth = @{ Section = 75; Item = 71 }

function Add-Paragraphs([System.Xml.XmlWriter] $W, [string[]] $Lines, [int] $Width) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in Get-Paragraphs $Lines) { $W.WriteElementString('maml', 'para', $ns.maml, (Format-Paragraph $p $Width)) }
    $W.WriteEndElement()
}

function Get-ExampleTitle([string] $Name) {
    # Dashes around the title as platyPS writes them, as many as fit (Get-Help indents titles by 5).
    $dashes = '-' * [Math]::Max(2, [Math]::Min(26, [Math]::Floor(($TextWidth.Section - 1 - $Name.Length - 2) / 2)))
    "$dashes $Name $dashes"
}

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$pages = @(Get-ChildItem $DocsPath -Filter '*-*.md' | Sort-Object Name)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$null = New-Item -ItemType Directory -Force (Split-Path $OutputPath)
$w = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', $ns.msh)
$w.WriteAttributeString('schema', 'maml')
foreach ($prefix in 'maml', 'command', 'dev') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

foreach ($page in $pages) {
    $lines = (Get-Content -Raw $page.FullName) -replace "`r", '' -split "`n"
    if ($lines[0] -ne '---') { throw "$($page.Name): no platyPS front matter." }
    $end = [array]::IndexOf($lines, '---', 1)
    $front = @{}
    foreach ($l in $lines[1..($end - 1)]) { if ($l -match '^([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() } }
    if ($front['schema'] -ne '2.0.0') { throw "$($page.Name): schema must be 2.0.0." }
    $body = $lines[($end + 1)..($lines.Count - 1)]
    $name = ($body | Where-Object { $_ -match '^# ' } | Select-Object -First 1).Substring(2).Trim()
    $sections = Split-Sections $body '## '
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
        if (-not $sections.Contains($required)) { throw "$($page.Name): section '## $required' is missing." }
    }
    $verb, $noun = $name -split '-', 2

    # Parameters: "### -Name", description paragraphs, then a yaml block.
    $parameters = foreach ($entry in (Split-Sections $sections['PARAMETERS'] '### ').GetEnumerator()) {
        if ($entry.Key -eq 'CommonParameters') { continue }
        $fence = Get-Fence $entry.Value
        $yaml = @{}
        foreach ($l in $fence.Code -split "`n") { if ($l -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() } }
        foreach ($key in 'Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input') {
            if (-not $yaml.ContainsKey($key)) { throw "$($page.Name): parameter $($entry.Key) has no '$key' in its yaml block." }
        }
        [pscustomobject]@{
            Name        = $entry.Key.TrimStart('-')
            Description = $fence.Before
            Type        = $yaml['Type']
            Sets        = @($yaml['Parameter Sets'] -split ',\s*')
            Aliases     = $yaml['Aliases']
            Required    = $yaml['Required']
            Position    = $yaml['Position']
            Default     = $yaml['Default value']
            Pipeline    = $yaml['Accept pipeline input']
            Wildcards   = $yaml['Accept wildcard characters']
        }
    }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $name)
    $w.WriteElementString('command', 'verb', $ns.command, $verb)
    $w.WriteElementString('command', 'noun', $ns.command, $noun)
    Add-Paragraphs $w $sections['SYNOPSIS'] $TextWidth.Section
    $w.WriteEndElement()
    Add-Paragraphs $w $sections['DESCRIPTION'] $TextWidth.Section

    $setNames = @($parameters.Sets | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
    if (-not $setNames) { $setNames = @('(All)') }
    $w.WriteStartElement('command', 'syntax', $ns.command)
    # As PowerShell lists them: -WhatIf and -Confirm last.
    $syntaxOrder = @($parameters | Where-Object Name -NotIn 'WhatIf', 'Confirm') + @($parameters | Where-Object Name -EQ 'WhatIf') + @($parameters | Where-Object Name -EQ 'Confirm')
    foreach ($set in $setNames) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $name)
        foreach ($p in $syntaxOrder | Where-Object { $_.Sets -contains $set -or $_.Sets -contains '(All)' }) {
            $w.WriteStartElement('command', 'parameter', $ns.command)
            $w.WriteAttributeString('required', $p.Required.ToLowerInvariant())
            $w.WriteAttributeString('position', $p.Position.ToLowerInvariant())
            $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
            if ($p.Type -notin 'SwitchParameter') {
                $w.WriteStartElement('command', 'parameterValue', $ns.command)
                $w.WriteAttributeString('required', 'true')
                $w.WriteString($p.Type)
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $parameters) {
        $w.WriteStartElement('command', 'parameter', $ns.command)
        $w.WriteAttributeString('required', $p.Required.ToLowerInvariant())
        $w.WriteAttributeString('globbing', "$($p.Wildcards)".ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', $p.Pipeline)
        $w.WriteAttributeString('position', $p.Position.ToLowerInvariant())
        $w.WriteAttributeString('aliases', $(if ($p.Aliases) { $p.Aliases } else { 'none' }))
        $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
        Add-Paragraphs $w $p.Description $TextWidth.Item
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', $(if ($p.Type -eq 'SwitchParameter') { 'false' } else { 'true' }))
        $w.WriteString($p.Type)
        $w.WriteEndElement()
        $w.WriteStartElement('dev', 'type', $ns.dev)
        $w.WriteElementString('maml', 'name', $ns.maml, $p.Type)
        $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', $ns.dev, $(if ($p.Default) { $p.Default } else { 'None' }))
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    foreach ($kind in @(@('INPUTS', 'inputTypes', 'inputType'), @('OUTPUTS', 'returnValues', 'returnValue'))) {
        $w.WriteStartElement('command', $kind[1], $ns.command)
        foreach ($t in (Split-Sections $sections[$kind[0]] '### ').GetEnumerator()) {
            $w.WriteStartElement('command', $kind[2], $ns.command)
            $w.WriteStartElement('dev', 'type', $ns.dev)
            $w.WriteElementString('maml', 'name', $ns.maml, $t.Key)
            $w.WriteEndElement()
            Add-Paragraphs $w $t.Value $TextWidth.Item
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    $w.WriteStartElement('maml', 'alertSet', $ns.maml)
    $w.WriteStartElement('maml', 'alert', $ns.maml)
    foreach ($p in Get-Paragraphs $sections['NOTES']) { $w.WriteElementString('maml', 'para', $ns.maml, (Format-Paragraph $p $TextWidth.Item)) }
    $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $ns.command)
    foreach ($example in (Split-Sections $sections['EXAMPLES'] '### ').GetEnumerator()) {
        $fence = Get-Fence $example.Value
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, (Get-ExampleTitle $example.Key))
        $w.WriteElementString('dev', 'code', $ns.dev, $fence.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in Get-Paragraphs $fence.After) { $w.WriteElementString('maml', 'para', $ns.maml, (Format-Paragraph $p $TextWidth.Section)) }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Get-Help -Online opens the first link that has a URI: it must be absolute, so only the
    # online version has one; pages named by a relative link are found with Get-Help by name.
    $links = @()
    if ($front['online version']) { $links += , @('Online Version:', $front['online version']) }
    foreach ($l in $sections['RELATED LINKS']) {
        if ($l -match '^\[(.+?)\]\((.*?)\)') {
            $links += , @($Matches[1], $(if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }))
        }
    }
    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link[0])
        $w.WriteElementString('maml', 'uri', $ns.maml, $link[1])
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()
Write-Verbose "Wrote $OutputPath from $($pages.Count) pages."
