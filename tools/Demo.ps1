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

Step 'When login still fails: the support report (Get-EspriDebugReport)'
# A sandbox of its own: a key the server knows but left readable by everyone (0644), against a
# throw-away loopback sshd, so the report has a real problem to name.
if (-not $IsWindows -and (Get-Command ssh, ssh-keygen -ErrorAction Ignore).Count -eq 2 -and ((Get-Command sshd -ErrorAction Ignore) -or (Test-Path /usr/sbin/sshd))) {
    Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
    $reportSsh = New-Item -ItemType Directory -Force (Join-Path $sandbox 'report/.ssh')
    $reportKey = Join-Path $reportSsh 'id_ed25519'
    ssh-keygen -q -t ed25519 -a 2 -N 'demo passphrase' -C 'demo' -f $reportKey | Out-Null
    if (-not $IsWindows) { chmod 644 $reportKey }
    $demoSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$reportKey.pub")
    try {
        @"
Host spirit1
    HostName 127.0.0.1
    Port $($demoSshd.Port)
    User $($demoSshd.User)
    IdentityFile $reportKey
    IdentitiesOnly yes
    StrictHostKeyChecking accept-new
    UserKnownHostsFile $(Join-Path $reportSsh 'known_hosts')
"@ | Set-Content (Join-Path $reportSsh 'config')
        $report = Get-EspriDebugReport -SshDirectory $reportSsh -OutFile (Join-Path $sandbox 'ssh-debug4support.txt') -TimeoutSec 10
        $report | Out-Host
        Write-Host 'The first lines of the file:'
        Get-Content $report.Path -TotalCount 12 | Out-Host
    }
    finally { Stop-TestSshd $demoSshd }
}
else { Write-Host 'Skipped: this step needs ssh, ssh-keygen and sshd on Linux or macOS (it starts a throw-away sshd).' }
