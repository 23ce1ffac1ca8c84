<#
.SYNOPSIS
    Shows EspriSsh working, in a sandbox home: your real ~/.ssh is never touched.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$sandbox = Join-Path ([IO.Path]::GetTempPath()) ('espri-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Force $sandbox
$env:ESPRISSH_HOME = $sandbox
Import-Module $ModulePath

function Step([string] $Title) { Write-Host "`n== $Title ==" -ForegroundColor Cyan }

Write-Host "Sandbox home: $sandbox (ESPRISSH_HOME); your own ~/.ssh is not used."

Step '1. The site: hosts, key policy, support (Get-EspriSite)'
Get-EspriSite | Out-Host
