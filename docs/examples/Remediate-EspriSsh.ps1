<#
.SYNOPSIS
    Intune/GPO remediation: writes the ESPRI ssh aliases and repairs key rights. Exit 0 = done, 1 = error.
.DESCRIPTION
    Runs as the signed-in user, never prompts. Start-EspriSetup, non-interactive, does what a script
    can: writes the spirit1 (and, with an IDRIS login, jean-zay) aliases into ~/.ssh/config for the
    user's key (a .bak copy is kept), gives that key back to its owner alone and loads it in a running
    agent when it can; Repair-EspriKeyPermission restricts the other private keys and the config. What
    only the user can do (make a key: it needs a passphrase only they know; choose between keys;
    replace a key of a refused type) is logged as "needs the user".
#>
[CmdletBinding()]
param(
    # The user's ESPRI login (default: the ESPRI_USER environment variable).
    [string] $User = $env:ESPRI_USER,
    # The user's IDRIS login, to write the jean-zay alias too (default: ESPRI_JEANZAY_USER).
    [string] $JeanZayUser = $env:ESPRI_JEANZAY_USER,
    [string] $LogPath = (Join-Path $(if ($env:LOCALAPPDATA) { $env:LOCALAPPDATA } else { Join-Path $HOME '.cache' }) 'EspriSsh/Remediate-EspriSsh.log')
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Force (Split-Path $LogPath)
function Write-Log([string] $Message) { Add-Content -Path $LogPath -Value ('{0:u} {1}' -f (Get-Date), $Message) }

try {
    if (-not $User) { throw 'No ESPRI login: pass -User or set ESPRI_USER.' }
    Import-Module EspriSsh

    $setupArgs = @{ User = $User }
    if ($JeanZayUser) { $setupArgs.JeanZayUser = $JeanZayUser }
    $setup = Start-EspriSetup @setupArgs -Confirm:$false -WarningVariable setupWarnings
    foreach ($step in $setup.Steps) {
        Write-Log "$($step.Name): $($step.Status). $($step.Detail)"
        if ("$($step.Status)" -in 'NeedsYou', 'Failed') { Write-Log "needs the user: $($step.Next)" }
    }
    $setupWarnings | ForEach-Object { Write-Log "warning: $_" }
    $failed = @($setup.Steps | Where-Object { "$($_.Status)" -eq 'Failed' })

    foreach ($repair in Repair-EspriKeyPermission -Confirm:$false) {
        if ($repair.Changed) { Write-Log "rights repaired: $($repair.Path) $($repair.Before) -> $($repair.After)" }
    }

    foreach ($key in Get-EspriKey | Where-Object { $_.Kind -eq 'Private' -and "$($_.SitePolicy)" -eq 'Refused' }) {
        Write-Log "needs the user: $($key.Path) is refused by the site ($($key.SitePolicyReason)); run Start-EspriSetup in a PowerShell window and register the new public line"
    }

    if ($failed) {
        Write-Output ("EspriSsh: remediation failed: " + (($failed | ForEach-Object { "$($_.Name): $($_.Detail)" }) -join '; '))
        exit 1
    }
    Write-Output 'EspriSsh: remediation done'
    exit 0
}
catch {
    Write-Log "error $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    Write-Output "EspriSsh: remediation failed: $($_.Exception.Message)"
    exit 1
}
