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

Step 'Last step. Test the connection stage by stage (Test-EspriConnection) against a local sshd'
$sshdPresent = (Get-Command sshd -ErrorAction Ignore) -or (Test-Path /usr/sbin/sshd)
if (-not $sshdPresent -or -not (Get-Command ssh-keygen -ErrorAction Ignore)) {
    Write-Host 'Skipped: sshd or ssh-keygen is not installed here (the test needs a real SSH server to talk to).' -ForegroundColor Yellow
}
else {
    Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
    $demoSsh = Join-Path $sandbox '.ssh'
    $null = New-Item -ItemType Directory -Force $demoSsh
    $demoKey = Join-Path $demoSsh 'id_ed25519_demo'
    & ssh-keygen -q -t ed25519 -N '' -C 'espri-demo' -f $demoKey | Out-Null
    $demoSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$demoKey.pub")
    try {
        Write-Host "A throw-away sshd listens on 127.0.0.1:$($demoSshd.Port); its authorized_keys holds the demo key."
        Write-Host 'First contact: the server is unknown, so the test stops at HostKey and shows its fingerprint.'
        Test-EspriConnection 127.0.0.1 -Port $demoSshd.Port -User $demoSshd.User -IdentityFile $demoKey | Out-Host
        Write-Host 'After checking the fingerprint: -AcceptNewHostKey records it in known_hosts and the test goes on.'
        Test-EspriConnection 127.0.0.1 -Port $demoSshd.Port -User $demoSshd.User -IdentityFile $demoKey -AcceptNewHostKey | Out-Host
    }
    finally { Stop-TestSshd $demoSshd }
}
