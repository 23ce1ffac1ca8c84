# Drives an interactive pwsh in a real pseudo-terminal (tmux), as a person at a keyboard would:
# what the screen shows at a given width, what a prompt does with Ctrl+C. Each session has its own
# tmux server (private socket in a 0700 folder), its own HOME, and is removed by Stop-TerminalSession.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

function Start-TerminalSession {
    <#
    Starts pwsh -NoProfile in a tmux window of Width x Height, with the environment given (HOME and
    the XDG folders point into the session folder, so PSReadLine history stays there), runs $Setup
    in it and waits for it to finish. Returns the session to pass to the other functions.
    #>
    param(
        [int] $Width = 80,
        [int] $Height = 50,
        [hashtable] $Environment = @{},
        [string] $Setup = '',
        [int] $TimeoutSec = 60
    )
    $dir = New-TestFolder 'espri-tty-'
    $session = [pscustomobject]@{ Directory = $dir; Socket = (Join-Path $dir 'tmux.sock'); Name = 'espri'; Marker = 0 }

    # What this process's tests set for themselves (ESPRISSH_NONINTERACTIVE...) stays out, unless given.
    $unset = foreach ($variable in Get-ChildItem Env:) {
        if (($variable.Name -like 'ESPRISSH_*' -or $variable.Name -in 'NO_COLOR', 'SSH_AUTH_SOCK') -and -not $Environment.ContainsKey($variable.Name)) { '-u'; $variable.Name }
    }
    $pwsh = (@('env') + @($unset) + @(Get-PwshCommand) | ForEach-Object { "'$_'" }) -join ' '
    $env = @{ HOME = $dir; XDG_DATA_HOME = "$dir/data"; XDG_CONFIG_HOME = "$dir/config"; XDG_CACHE_HOME = "$dir/cache"; TERM = 'xterm-256color' }
    foreach ($k in $Environment.Keys) { $env[$k] = $Environment[$k] }
    $envArgs = foreach ($k in $env.Keys) { '-e'; "$k=$($env[$k])" }
    & tmux -S $session.Socket -f /dev/null new-session -d -s $session.Name -x $Width -y $Height @envArgs "$pwsh -NoProfile -NoLogo"
    if ($LASTEXITCODE -ne 0) { Remove-Item -Recurse -Force $dir; throw "tmux did not start (exit code $LASTEXITCODE)." }
    # Keep the whole output: tests read more than one screen.
    & tmux -S $session.Socket set-option -t $session.Name history-limit 10000 | Out-Null
    # Keys typed before pwsh reads them would be echoed by the terminal and lost: wait for the prompt.
    $null = Wait-TerminalText $session '(?m)^PS .*> ?$' -TimeoutSec $TimeoutSec
    Invoke-TerminalCommand $session ('Set-PSReadLineOption -HistorySaveStyle SaveNothing -PredictionSource None -ErrorAction Ignore; ' + $Setup) -TimeoutSec $TimeoutSec | Out-Null
    $session
}

function Send-TerminalText {
    <# Types $Text (literally), then Enter unless -NoEnter. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [switch] $NoEnter)
    if ($Text) { & tmux -S $Session.Socket send-keys -t $Session.Name -l -- $Text }
    if (-not $NoEnter) { & tmux -S $Session.Socket send-keys -t $Session.Name Enter }
}

function Send-TerminalKey {
    <# Presses keys by their tmux names: C-c (Ctrl+C), Enter, Tab, Escape. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string[]] $Key)
    & tmux -S $Session.Socket send-keys -t $Session.Name @Key
}

function Get-TerminalText {
    <#
    The whole scroll-back and screen as the terminal holds it, soft-wrapped lines joined (capture-pane
    -J): a line the terminal wrapped only for lack of width comes back as one line, a newline the
    program wrote stays one. -Escapes keeps colour sequences.
    #>
    param([Parameter(Mandatory)] $Session, [switch] $Escapes)
    $options = @('-p', '-J', '-S', '-', '-t', $Session.Name)
    if ($Escapes) { $options += '-e' }
    (& tmux -S $Session.Socket capture-pane @options) -join "`n"
}

function Wait-TerminalText {
    <#
    Waits until the terminal text matches $Pattern and returns the text. -TimeoutSec only bounds a
    hang (a test failing with the screen shown), it measures nothing.
    #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Pattern, [int] $TimeoutSec = 60, [switch] $Escapes)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $text = Get-TerminalText $Session -Escapes:$Escapes
        if ($text -match $Pattern) { return $text }
        if ([DateTime]::UtcNow -gt $deadline) { throw "The terminal never showed /$Pattern/ within $TimeoutSec s. It shows:`n$text" }
        # Each look is one tmux call (a few ms): looking often costs little, a late look costs the whole wait.
        Start-Sleep -Milliseconds 50
    }
}

function Invoke-TerminalCommand {
    <#
    Types a command line and waits until it has finished (a marker it prints afterwards appears);
    returns what the command printed, soft wraps joined. For commands that prompt, use
    Send-TerminalText and Wait-TerminalText instead.
    #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Command, [int] $TimeoutSec = 60, [switch] $Escapes)
    $Session.Marker++
    $start = "<<start $($Session.Marker)>>"
    $done = "<<done $($Session.Marker)>>"
    # The markers are written split so the echoed command line itself never matches.
    Send-TerminalText $Session "'<<start $($Session.Marker)' + '>>'; $Command; '<<done $($Session.Marker)' + '>>'"
    $text = Wait-TerminalText $Session ([regex]::Escape($done)) -TimeoutSec $TimeoutSec -Escapes:$Escapes
    $from = $text.LastIndexOf($start) + $start.Length + 1
    $text.Substring($from, $text.LastIndexOf($done) - $from)
}

function Stop-TerminalSession {
    param([Parameter(Mandatory)] $Session)
    & tmux -S $Session.Socket kill-server 2>$null
    Remove-Item -Recurse -Force $Session.Directory -ErrorAction Ignore
}

Export-ModuleMember -Function Start-TerminalSession, Send-TerminalText, Send-TerminalKey,
    Get-TerminalText, Wait-TerminalText, Invoke-TerminalCommand, Stop-TerminalSession
