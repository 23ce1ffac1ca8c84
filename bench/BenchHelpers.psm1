# Shared by bench/*.bench.ps1: fresh processes timed from outside, medians, figures printed with their targets.
$ErrorActionPreference = 'Stop'

function Invoke-TimedProcess {
    <#
    Starts FilePath with Arguments (stdin closed, output captured), waits for it and returns
    Milliseconds (whole process, wall clock), CpuMilliseconds (user + system), ExitCode and Output.
    #>
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
    $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
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
    [pscustomobject]@{
        Milliseconds    = $clock.Elapsed.TotalMilliseconds
        CpuMilliseconds = $p.TotalProcessorTime.TotalMilliseconds
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
