<#
.SYNOPSIS
    Test-EspriConnection (all seven stages, in this warm pwsh process) against `ssh -o BatchMode=yes
    <alias> true` on the same loopback sshd, alias, key and known_hosts, interleaved, medians. Target
    (issue 28): <= 0.6x (issue 7 asked 1.2x). The first call in a fresh pwsh is bench/FirstCall's.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 15
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
if (-not ((Test-Tool ssh) -and (Test-Tool ssh-keygen) -and ((Test-Tool sshd) -or (Test-Path /usr/sbin/sshd)))) {
    Write-Host 'Test-EspriConnection bench skipped: ssh, ssh-keygen or sshd is missing.'
    return
}

Import-Module $ModulePath
$box = New-TestSandbox
$env:ESPRISSH_HOME = $box.Home
$key = Join-Path $box.Ssh 'id_ed25519'
& ssh-keygen -q -t ed25519 -N '' -f $key | Out-Null
$sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$key.pub")
try {
    $config = Set-TestSshAlias -Sshd $sshd -Directory $box.Ssh -Alias espri-bench -IdentityFile $key
    # Each call's stages and CPU time (this process: the call's threads and the runtime's own) are kept, to say where the time goes.
    $script:calls = [Collections.Generic.List[object]]::new()
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $espri = {
        $process.Refresh(); $cpu = $process.TotalProcessorTime
        $r = Test-EspriConnection espri-bench -ConfigPath $config -SshDirectory $box.Ssh
        $process.Refresh()
        if (-not $r.Succeeded) { throw "Test-EspriConnection failed: $($r | Out-String)" }
        $script:calls.Add([pscustomobject]@{ Result = $r; Cpu = ($process.TotalProcessorTime - $cpu).TotalMilliseconds })
    }
    $ssh = { & ssh -F $config -o BatchMode=yes espri-bench true; if ($LASTEXITCODE -ne 0) { throw "ssh failed ($LASTEXITCODE)" } }
    # Warm means settled. .NET recompiles a method with full optimisation once it has run ~30 times,
    # on a background thread: for the first ~15 calls that costs ~120 ms of CPU a call (mostly
    # PowerShell's own code, this loop's included), which on a 2-core machine competes with sshd.
    # Rounds repeat until two in a row compile fewer than 10 methods (at most 60).
    $warmup = [Collections.Generic.List[double]]::new()
    $quiet = 0
    while ($quiet -lt 2 -and $warmup.Count -lt 60) {
        $compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $warmup.Add((Measure-Ms $espri)); $null = Measure-Ms $ssh
        $quiet = if ([System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $compiled -lt 10) { $quiet + 1 } else { 0 }
    }
    $script:calls.Clear()
    $times = Measure-Interleaved -First $espri -Second $ssh -Repetitions $Repetitions
    $espriMedian = $times.FirstMedian
    $sshMedian = $times.SecondMedian
    $ratio = $espriMedian / $sshMedian
    Write-Host ('Test-EspriConnection (7 stages, warm, in-process): median {0:0.0} ms over {1} runs, after {2} warm-up calls (first call {3:0} ms; calls 2-16 {4:0} ms, while the runtime still compiles)' -f
        $espriMedian, $Repetitions, $warmup.Count, $warmup[0], (Get-BenchMedian @($warmup | Select-Object -Skip 1 -First 15)))
    Write-Host ('ssh -o BatchMode=yes espri-bench true:             median {0:0.0} ms over {1} runs' -f $sshMedian, $Repetitions)
    $warm = @($script:calls | Select-Object -Skip 1) # Measure-Interleaved's own first run is not timed
    $stageNames = $warm[0].Result.Stages.Name
    Write-Host ('  warm calls by stage (medians, ms): ' + (($stageNames | ForEach-Object {
        $name = $_; '{0} {1:0.0}' -f $name, (Get-BenchMedian @($warm | ForEach-Object { ($_.Result.Stages | Where-Object Name -eq $name).Duration.TotalMilliseconds })) }) -join ', '))
    Write-Host ('  CPU time of a warm call in this process (median): {0:0} ms' -f (Get-BenchMedian @($warm.Cpu)))
    Write-Target 'Warm Test-EspriConnection / ssh' $ratio 0.6
}
finally {
    Stop-TestSshd $sshd
    Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore
}
