# Finds the parameters that advice text names, and the command each one belongs to, with PowerShell's
# own parser: "Install-EspriKey -Path 'k' -NewPassphrase (Read-Host -AsSecureString 'x') -Force" names
# Path, NewPassphrase and Force of Install-EspriKey and AsSecureString of Read-Host. A "-Parameter"
# that no command of its text leads belongs to the command that showed the text ("Pass -Passphrase"
# in Start-EspriSetup's checklist is Start-EspriSetup's).
$ErrorActionPreference = 'Stop'

# Programs advice names whose options are not PowerShell parameters: their fragments are skipped.
$script:NativeTools = 'ssh', 'ssh-keygen', 'ssh-add', 'ssh-agent', 'chmod', 'icacls', 'sudo', 'puttygen', 'openssl', 'scp', 'sftp'

$script:Commands = @{}
function Find-Command([string] $Name) {
    # Get-Command is slow and asked thousands of times by a source scan: once per name.
    if (-not $script:Commands.ContainsKey($Name)) { $script:Commands[$Name] = Get-Command $Name -ErrorAction Ignore | Select-Object -First 1 }
    $script:Commands[$Name]
}

function Get-AdviceFragment {
    <# Each command a text names, from its name to where PowerShell's parser ends that command. #>
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
    foreach ($m in [regex]::Matches($Text, '(?<![\w\-$.\\/])([A-Za-z][\w]*-[A-Za-z][\w]*|ssh|chmod|icacls|sudo|puttygen|openssl)(?![\w\-])')) {
        $name = $m.Groups[1].Value
        $native = $name -in $script:NativeTools
        $command = if ($native) { $null } else { Find-Command $name }
        if (-not $native -and -not $command) { continue }
        # A command ends with its sentence ("... -Force. Then ..."), its clause (", send its .pub"), its line,
        # its statement, or where the text names another command.
        $rest = $Text.Substring($m.Index)
        $end = [regex]::Match($rest, '[.!?](?=\s+[A-Z(]|\s*$)|[:,]\s|\n')
        if ($end.Success) { $rest = $rest.Substring(0, $end.Index) }
        # (A command inside parentheses or after a pipe is part of this one: the parser takes it.)
        $next = [regex]::Match($rest.Substring($name.Length), '(?<=[^(|;\s]\s+)[A-Z][a-z]+-[A-Z]\w*')
        if ($next.Success -and (Find-Command $next.Value)) { $rest = $rest.Substring(0, $name.Length + $next.Index) }
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($rest, [ref] $tokens, [ref] $errors)
        $first = $ast.Find({ param($a) $a -is [System.Management.Automation.Language.CommandAst] -and $a.Extent.StartOffset -eq 0 }, $true)
        $length = if ($first) { $first.Extent.EndOffset } else { $name.Length }
        $parameters = if ($first -and -not $native) {
            # Only this command's own parameters: a nested (Read-Host ...) is a fragment of its own.
            @($first.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } |
                ForEach-Object { $_.ParameterName.TrimEnd('.', ',', ':', ')', ';') } | Where-Object { $_ })
        } else { @() }
        [pscustomobject]@{ Command = $name; Native = $native; Start = $m.Index; End = $m.Index + $length; Parameters = $parameters }
    }
}

function Get-NamedParameter {
    <#
    Command/Parameter pairs a text names. -DefaultCommand takes the "-Parameter" words that no command
    of the text leads (PascalCase only: ssh's -F or -vvv are not PowerShell parameters).
    #>
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [string] $DefaultCommand)
    $fragments = @(Get-AdviceFragment $Text)
    foreach ($f in $fragments | Where-Object { -not $_.Native }) {
        foreach ($p in $f.Parameters) { [pscustomobject]@{ Command = $f.Command; Parameter = $p; Text = $Text } }
    }
    if ($DefaultCommand) {
        foreach ($m in [regex]::Matches($Text, '(?<![\w\-''"$])-([A-Z][a-z]\w+)')) {
            if (-not ($fragments | Where-Object { $m.Index -ge $_.Start -and $m.Index -lt $_.End })) {
                [pscustomobject]@{ Command = $DefaultCommand; Parameter = $m.Groups[1].Value; Text = $Text }
            }
        }
    }
}

function Test-ParameterExists {
    <# True when the command has the parameter (or an alias of it), common parameters included. #>
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $Parameter)
    $info = Find-Command $Command
    if (-not $info) { return $false }
    foreach ($p in $info.Parameters.Values) {
        if ($p.Name -eq $Parameter -or $p.Aliases -contains $Parameter) { return $true }
    }
    $false
}

# A C# string literal: verbatim (@"...", $@"..."), or regular/interpolated with its holes, which may hold strings.
$script:Literal = [regex]::new('(?<verbatim>\$?@\$?)"(?<vbody>(?:""|[^"])*)"|(?<interp>\$)?"(?<body>(?:\\.|\{\{|\}\}|\{(?:[^{}"]|"(?:\\.|[^"\\])*")*\}|[^"\\\r\n])*)"', 'Compiled')
$script:Hole = [regex]::new('\{(?!\{)(?:[^{}"]|"(?:\\.|[^"\\])*")*\}', 'Compiled')

function Get-CSharpStringLiteral {
    <# The string literals of C# source, comment lines left out; an interpolation hole becomes X (its value is not advice text). #>
    param([Parameter(Mandatory)] [string] $Source)
    $code = ($Source -split "`n" | Where-Object { $_.TrimStart() -notmatch '^//' }) -join "`n"
    foreach ($m in $script:Literal.Matches($code)) {
        if ($m.Groups['verbatim'].Success) {
            $text = $m.Groups['vbody'].Value -replace '""', '"'
            if ($m.Groups['verbatim'].Value.Contains('$')) { $text = $script:Hole.Replace($text, 'X') }
        }
        else {
            $text = $m.Groups['body'].Value
            if ($m.Groups['interp'].Success) { $text = $script:Hole.Replace($text, 'X') -replace '\{\{', '{' -replace '\}\}', '}' }
            $text = $text -replace '\\n', "`n" -replace '\\"', '"' -replace '\\\\', '\'
        }
        $text
    }
}

Export-ModuleMember -Function Find-Command, Get-AdviceFragment, Get-NamedParameter, Test-ParameterExists, Get-CSharpStringLiteral
