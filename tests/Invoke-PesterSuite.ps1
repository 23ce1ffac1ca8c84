<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 (or the -Path file) with Pester 5 (from the NuGet cache) and writes
    the counts as JSON. Also runs in Windows PowerShell 5.1: keep it free of pwsh-only syntax.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [string] $Path = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -MinimumVersion 5.7.1

# Every temp folder of this run (the tests', their pwsh, sshd and tmux processes') lands in one
# owner-only folder: whatever is left in it afterwards is a test that did not clean up.
$runTemp = Join-Path ([IO.Path]::GetTempPath()) ('espri-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $runTemp
if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) { chmod 700 $runTemp }
$env:TMPDIR = $env:TEMP = $env:TMP = $runTemp

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($env:ESPRISSH_TEST_FILTER) { $config.Filter.FullName = $env:ESPRISSH_TEST_FILTER }
$result = Invoke-Pester -Configuration $config

# Each skip's reason was printed at discovery ("[!] skip (file:line): reason"); here is what it skipped.
$result.Skipped | ForEach-Object { Write-Host "  skipped: $($_.ExpandedPath)" }

# What the .NET runtime (debugger and diagnostic pipes of a process that was stopped) and NuGet
# (Install-PSResource) leave there is theirs, not the tests'.
$runtimeFiles = 'CoreFxPipe_*', 'clr-debug-pipe-*', 'dotnet-diagnostic-*', 'NuGetScratch*'
$left = @(Get-ChildItem -Force $runTemp | Where-Object { $name = $_.Name; -not ($runtimeFiles | Where-Object { $name -like $_ }) })
if ($left) { Write-Host "Left behind in the temp folder by the tests (each counted as a failure): $($left.Name -join ', ')" }
Remove-Item -Recurse -Force $runTemp -ErrorAction Ignore
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $left.Count; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultFile
