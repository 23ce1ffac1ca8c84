# Shared by bench/*.bench.ps1: fresh processes timed from outside, medians, figures printed with their targets.
$ErrorActionPreference = 'Stop'
# GNU time reports a child's CPU time (user + system) once it has exited; .NET cannot read it then.
$script:GnuTime = if (-not $IsWindows -and (Test-Path /usr/bin/time) -and (& /usr/bin/time -f '%U' true 2>&1) -match '^\d') { '/usr/bin/time' }

function Invoke-TimedProcess {
    <#
    Starts FilePath with Arguments (stdin closed, output captured), waits for it and returns
    Milliseconds (whole process, wall clock), CpuMilliseconds (user + system, which load inflates far
    less than wall time; measured through GNU time where there is one, else null), ExitCode and Output.
    #>
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
    $cpuFile = if ($script:GnuTime) { [IO.Path]::GetTempFileName() }
    $psi = if ($cpuFile) { [Diagnostics.ProcessStartInfo]::new($script:GnuTime) } else { [Diagnostics.ProcessStartInfo]::new($FilePath) }
    if ($cpuFile) { foreach ($a in '-f', '%U %S', '-o', $cpuFile, $FilePath) { $psi.ArgumentList.Add($a) } }
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = [IO.Path]::GetTempPath()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $p.StandardInput.Close()
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $clock.Stop()
    $cpu = $null
    if ($cpuFile) {
        $times = @((Get-Content $cpuFile | Select-Object -Last 1) -split ' ' | ForEach-Object { [double]$_ })
        $cpu = 1000 * ($times[0] + $times[1])
        Remove-Item $cpuFile
    }
    [pscustomobject]@{
        Milliseconds    = $clock.Elapsed.TotalMilliseconds
        CpuMilliseconds = $cpu
        ExitCode        = $p.ExitCode
        Output          = $stdout.Result + $stderr.Result
    }
}

function Get-BenchMedian([Parameter(Mandatory)] [double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[[int][Math]::Floor($sorted.Count / 2)] }
    else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function Write-Target {
    <# One line: the figure, its target, met or NOT met (what build.ps1 Bench prints for each target). #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [double] $Value, [Parameter(Mandatory)] [double] $Target, [string] $Unit = 'x', [string] $Detail)
    $format = if ($Unit -eq 'x') { '{0:0.00}x' } else { '{0:0} ' + $Unit }
    $verdict = if ($Value -le $Target) { 'met' } else { 'NOT met' }
    Write-Host "${Name}: $($format -f $Value) (target <= $($format -f $Target)): $verdict"
    if ($Detail) { Write-Host "    $Detail" }
}

function Format-Runs([double[]] $Values) { ($Values | ForEach-Object { $_.ToString('0') }) -join ' ' }

Export-ModuleMember -Function Invoke-TimedProcess, Get-BenchMedian, Write-Target, Format-Runs
