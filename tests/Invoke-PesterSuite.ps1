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
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($env:ESPRISSH_TEST_FILTER) { $config.Filter.FullName = $env:ESPRISSH_TEST_FILTER }
$result = Invoke-Pester -Configuration $config
# Each skip's reason was printed at discovery ("[!] skip (file:line): reason"); here is what it skipped.
$result.Skipped | ForEach-Object { Write-Host "  skipped: $($_.ExpandedPath)" }
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultFile
