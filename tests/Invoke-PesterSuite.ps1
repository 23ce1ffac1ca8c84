<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 (or the -Path file) with Pester 5 (from the NuGet cache), writes the
    counts as JSON to -ResultFile and Pester's NUnit report beside it (.xml). Also runs in Windows
    PowerShell 5.1, keep it free of pwsh-only syntax: there, given the tests folder, it runs the files
    whose header says they are written for Windows PowerShell 5.1 too.
    With -Queue it runs the test files queued in that folder instead, one at a time, each taken by
    renaming its token (atomic: of several processes sharing the queue, exactly one gets each file);
    each file's NUnit report is <ResultFile's name>-<file>.xml. build.ps1 Test runs the files so, in
    two processes side by side.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [string] $Path = $PSScriptRoot,
    [string] $Queue
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -MinimumVersion 5.7.1

# Every temp folder of this run (the tests', their pwsh, sshd and tmux processes') lands in one
# owner-only folder: whatever is left in it afterwards is a test that did not clean up.
$runTemp = Join-Path ([IO.Path]::GetTempPath()) ('espri-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $runTemp
if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) { chmod 700 $runTemp }
$env:TMPDIR = $env:TEMP = $env:TMP = $runTemp

# ssh-agent is setgid on Debian and Ubuntu, so the C library drops TMPDIR for it: `ssh-agent -s` makes
# /tmp/ssh-XXXXXXXXXXXX/agent.<its pid>, which only the agent removes, on a clean stop, and which the
# folder above never sees. So this run's ssh-agent goes through a wrapper that notes its pid (exec keeps
# it): a /tmp/ssh-*/agent.<noted pid> left at the end is this run's leftover, never another user's.
$agentShim = $null
$realAgent = if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) { Get-Command ssh-agent -CommandType Application -ErrorAction Ignore | Select-Object -First 1 }
if ($realAgent) {
    $agentShim = Join-Path ([IO.Path]::GetDirectoryName($runTemp)) ('espri-agent-shim-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory $agentShim
    Set-Content (Join-Path $agentShim 'ssh-agent') -Value @('#!/bin/sh', "echo `$`$ >> '$agentShim/pids'", "exec '$($realAgent.Source)' `"`$@`"")
    chmod 755 (Join-Path $agentShim 'ssh-agent')
    $env:PATH = $agentShim + [IO.Path]::PathSeparator + $env:PATH
}

# A file written for 5.1 too says so in its first lines (WindowsPowerShell.Tests.ps1 checks that such
# files use nothing 5.1 lacks); the others use pwsh 7 syntax and would not even parse there.
$paths = @($Path)
if ($PSVersionTable.PSEdition -eq 'Desktop' -and (Test-Path $Path -PathType Container)) {
    $paths = @(Get-ChildItem $Path -Filter '*.Tests.ps1' | Where-Object { (Get-Content $_.FullName -TotalCount 6) -match 'Windows PowerShell 5\.1 too' } | ForEach-Object { $_.FullName })
}

function Invoke-PesterRun([string[]] $Paths, [string] $ReportPath) {
    $config = New-PesterConfiguration
    $config.Run.Path = $Paths
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    if ($env:ESPRISSH_TEST_FILTER) { $config.Filter.FullName = $env:ESPRISSH_TEST_FILTER }
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ReportPath
    Invoke-Pester -Configuration $config
}

function Get-QueuedFile {
    # The next file nobody has taken: its token renamed to this process's id, or nothing when none is left.
    foreach ($token in @(Get-ChildItem $Queue -Filter '*.queued' | Sort-Object Name)) {
        $taken = [IO.Path]::ChangeExtension($token.FullName, ".taken-$PID")
        try { [IO.File]::Move($token.FullName, $taken) } catch { continue }
        return (Get-Content $taken)
    }
}

$report = [IO.Path]::ChangeExtension([IO.Path]::GetFullPath($ResultFile), '.xml')
$results = @()
if ($Queue) {
    $file = Get-QueuedFile
    while ($file) {
        $fileReport = Join-Path ([IO.Path]::GetDirectoryName($report)) ([IO.Path]::GetFileNameWithoutExtension($report) + '-' + [IO.Path]::GetFileNameWithoutExtension($file) + '.xml')
        $results += Invoke-PesterRun @($file) $fileReport
        $file = Get-QueuedFile
    }
}
else {
    $results += Invoke-PesterRun $paths $report
}
$count = { param($property) ($results | ForEach-Object { $_.$property } | Measure-Object -Sum).Sum }

# Each skip's reason was printed at discovery ("[!] skip (file:line): reason"); here is what it skipped.
$results | ForEach-Object { $_.Skipped } | ForEach-Object { Write-Host "  skipped: $($_.ExpandedPath)" }

# What the .NET runtime (debugger and diagnostic pipes of a process that was stopped) and NuGet
# (Install-PSResource) leave there is theirs, not the tests'.
$runtimeFiles = 'CoreFxPipe_*', 'clr-debug-pipe-*', 'dotnet-diagnostic-*', 'NuGetScratch*'
$left = @(Get-ChildItem -Force $runTemp | Where-Object { $name = $_.Name; -not ($runtimeFiles | Where-Object { $name -like $_ }) })
if ($agentShim) {
    $agentPids = @(Get-Content (Join-Path $agentShim 'pids') -ErrorAction Ignore)
    $left += @($agentPids | ForEach-Object { Get-Item "/tmp/ssh-*/agent.$_" -ErrorAction Ignore } | ForEach-Object { $_.Directory })
    Remove-Item -Recurse -Force $agentShim
}
if ($left) { Write-Host "Left behind in the temp folder by the tests (each counted as a failure): $($left.Name -join ', ')" }
Remove-Item -Recurse -Force $runTemp -ErrorAction Ignore
$failed = (& $count FailedCount) + (& $count FailedBlocksCount) + (& $count FailedContainersCount) + $left.Count
@{ Passed = [int](& $count PassedCount); Failed = [int]$failed; Skipped = [int](& $count SkippedCount) } |
    ConvertTo-Json | Set-Content -Path $ResultFile
