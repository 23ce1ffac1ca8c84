<#
.SYNOPSIS
    Target (issue 23): Set-EspriSshConfig on a 5,000-line config costs under 25 ms of its own work plus
    at most two `ssh -G` runs (the check before the edit and the check of the edited text).
.DESCRIPTION
    Three figures, medians of warm runs: the whole command with ssh on PATH; the same `ssh -G` run
    twice on its own (what the command spends waiting for ssh); the difference, EspriSsh's own work.
    The command is also timed with no ssh on PATH (EspriSsh's own reading then judges the file before
    and after: an upper bound of its work). Timings mean something only on a quiet machine.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$env:ESPRISSH_HOME = $dir
function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int]($sorted.Count / 2)] }
try {
    # 1,000 five-line blocks, with a catch-all near the end so placement and verification have work to do.
    $lines = foreach ($i in 1..999) { "# host $i"; "Host node$i node$i.example.org"; "    HostName 10.0.$([math]::Floor($i / 250)).$($i % 250)"; "    User user$i"; "    IdentityFile ~/.ssh/key_$i" }
    $lines += '# catch-all', 'Host *', '    User bob', '    ServerAliveInterval 30', ''
    $original = ($lines -join "`n") + "`n"
    $config = Join-Path $dir 'config'
    function Measure-Set {
        foreach ($run in 1..12) {
            [IO.File]::WriteAllText($config, $original)
            Remove-Item "$config.bak*" -ErrorAction Ignore
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $r = Set-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $config
            $sw.Stop()
            if (-not $r.Changed) { throw 'expected a change' }
            $sw.Elapsed.TotalMilliseconds
        }
    }
    $times = @(Measure-Set)
    $whole = Get-Median ($times | Select-Object -Skip 2)
    $ssh = (Get-Command ssh -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source
    if ($ssh) {
        [IO.File]::WriteAllText($config, $original)
        $sshRuns = foreach ($run in 1..12) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $ssh -G -F $config -- spirit1 2>$null | Out-Null
            $sw.Elapsed.TotalMilliseconds
        }
        $oneSsh = Get-Median ($sshRuns | Select-Object -Skip 2)
        $own = $whole - 2 * $oneSsh
        "Set-EspriSshConfig on a $($lines.Count)-line config: $([math]::Round($whole, 1)) ms (median of warm runs; first run $([math]::Round($times[0], 1)) ms)"
        "  = 2 ssh -G runs of $([math]::Round($oneSsh, 1)) ms + EspriSsh's own work $([math]::Round($own, 1)) ms (target < 25 ms): $(if ($own -lt 25) { 'OK' } else { 'SLOW' })"
    }
    else {
        "Set-EspriSshConfig on a $($lines.Count)-line config: $([math]::Round($whole, 1)) ms (no ssh on PATH: no ssh -G runs)"
    }

    $savedPath = $env:PATH
    try {
        $env:PATH = Join-Path $dir 'no-ssh-here'
        $noSsh = Get-Median (@(Measure-Set) | Select-Object -Skip 2)
    }
    finally { $env:PATH = $savedPath }
    "  with no ssh installed (EspriSsh's reading judges before and after): $([math]::Round($noSsh, 1)) ms (target < 25 ms): $(if ($noSsh -lt 25) { 'OK' } else { 'SLOW' })"
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $null = Test-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $config
    "Test-EspriSshConfig on the same file: $([math]::Round($sw.Elapsed.TotalMilliseconds, 1)) ms (one ssh -G run)"
}
finally { Remove-Item -Recurse -Force $dir -ErrorAction Ignore }
