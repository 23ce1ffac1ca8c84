<#
.SYNOPSIS
    Start-EspriSetup (issue 18), in-process: a fresh home (new key with its passphrase, public
    line, aliases) and a run with nothing left to do (every file read, none written). No target in
    the issue: the numbers say what a user waits.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$env:ESPRISSH_NONINTERACTIVE = '1'
$env:SSH_AUTH_SOCK = $null # no agent: the Agent step only probes
$passphrase = ConvertTo-SecureString 'bench pass phrase' -AsPlainText -Force
$fresh = foreach ($run in 1..5) {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory $dir
    $env:ESPRISSH_HOME = $dir
    try {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $r = Start-EspriSetup -User alice -JeanZayUser ujz01 -Passphrase $passphrase -Confirm:$false
        $sw.Stop()
        if ($r.Steps[0].Status -ne 'Done') { throw "expected a new key: $($r.Steps[0].Detail)" }
        $first = $sw.Elapsed.TotalMilliseconds
        $again = foreach ($i in 1..5) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $r = Start-EspriSetup -User alice -JeanZayUser ujz01 -Confirm:$false
            $sw.Stop()
            if ($r.Steps[0].Status -ne 'AlreadyDone') { throw "expected nothing to do: $($r.Steps[0].Detail)" }
            $sw.Elapsed.TotalMilliseconds
        }
        [pscustomobject]@{ First = $first; Again = ($again | Sort-Object)[2] }
    }
    finally { Remove-Item -Recurse -Force $dir -ErrorAction Ignore }
}
function Median($values) { $sorted = @($values | Sort-Object); [math]::Round($sorted[[int]($sorted.Count / 2)], 1) }
"Start-EspriSetup in a fresh home (new Ed25519 key, aliases): first of 5 homes $([math]::Round($fresh[0].First, 1)) ms (cold), median of the others $(Median ($fresh | Select-Object -Skip 1 | ForEach-Object First)) ms"
"Start-EspriSetup with nothing left to do: median $(Median ($fresh | ForEach-Object Again)) ms"
