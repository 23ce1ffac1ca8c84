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

Step 'A PuTTY/MobaXterm key (.ppk) turned into OpenSSH key files (Convert-PpkKey)'
if (Get-Command puttygen -ErrorAction Ignore) {
    $ppk = Join-Path $sandbox 'from-mobaxterm.ppk'
    $passFile = Join-Path $sandbox 'ppk-pass'
    [IO.File]::WriteAllText($passFile, 'demo ppk passphrase')
    puttygen -t ed25519 -C 'made in MobaXterm' -o $ppk --new-passphrase $passFile
    Remove-Item $passFile
    Write-Host "puttygen -L says:  $(puttygen -L $ppk)"
    $converted = Convert-PpkKey $ppk -Passphrase (ConvertTo-SecureString 'demo ppk passphrase' -AsPlainText -Force)
    $converted | Out-Host
    Write-Host "ssh-keygen -y says: $(ssh-keygen -y -P 'demo ppk passphrase' -f $converted.Path)"
    $back = Convert-PpkKey $converted.Path -OutputFormat Ppk -Destination (Join-Path $sandbox 'back-to-putty.ppk') -Passphrase (ConvertTo-SecureString 'demo ppk passphrase' -AsPlainText -Force)
    Write-Host "And back to PuTTY: $($back.Path) ($(Get-Content -TotalCount 1 $back.Path))"
}
else {
    Write-Host 'puttygen is not installed: skipping the .ppk demo (install putty-tools to see it).'
}
