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

Step 'Write the spirit1 and jean-zay aliases into ~/.ssh/config without breaking it (Set-EspriSshConfig)'
$demoSsh = Join-Path $sandbox '.ssh'
$null = New-Item -ItemType Directory -Force $demoSsh
$demoConfig = Join-Path $demoSsh 'config'
# A config like many users have: a catch-all Host * first, which would shadow a block pasted at the end.
Set-Content -Path $demoConfig -Value "# my settings`nHost *`n    User bob`n    ServerAliveInterval 30"
Write-Host 'Before (a Host * block with User bob would win over anything pasted after it):'
Get-Content $demoConfig | Out-Host
Write-Host "`nSet-EspriSshConfig -User jdupont -JeanZayUser ufoo123 -WhatIf   (shows the diff, writes nothing)"
Set-EspriSshConfig -User jdupont -JeanZayUser ufoo123 -WhatIf
Write-Host "`nSet-EspriSshConfig -User jdupont -JeanZayUser ufoo123"
Set-EspriSshConfig -User jdupont -JeanZayUser ufoo123 | Out-Host
Get-Content $demoConfig | Out-Host
if (Get-Command ssh -ErrorAction Ignore) {
    Write-Host 'What ssh itself now uses for jean-zay (ssh -G):'
    $savedHome = $env:HOME; $env:HOME = $sandbox
    ssh -G -F $demoConfig jean-zay 2>$null | Select-String '^(hostname|user|proxyjump|identityfile) ' | Select-Object -First 4 | Out-Host
    $env:HOME = $savedHome
}
Write-Host 'Second run (nothing to do):'
(Set-EspriSshConfig -User jdupont -JeanZayUser ufoo123).Changed | Out-Host
Write-Host 'Test-EspriSshConfig (Intune detection):'
Test-EspriSshConfig -User jdupont -JeanZayUser ufoo123 | Out-Host
