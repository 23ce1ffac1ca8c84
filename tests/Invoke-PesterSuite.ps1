<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with Pester 5 (from the NuGet cache) and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -MinimumVersion 5.7.1
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($env:ESPRISSH_TEST_FILTER) { $config.Filter.FullName = $env:ESPRISSH_TEST_FILTER }
$result = Invoke-Pester -Configuration $config
# Each skip's reason was printed at discovery ("[!] skip (file:line): reason"); here is what it skipped.
$result.Skipped | ForEach-Object { Write-Host "  skipped: $($_.ExpandedPath)" }
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultFile
