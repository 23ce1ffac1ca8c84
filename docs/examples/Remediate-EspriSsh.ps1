<#
.SYNOPSIS
    Intune/GPO remediation: writes the ESPRI ssh aliases and repairs key rights. Exit 0 = done, 1 = error.
.DESCRIPTION
    Runs as the signed-in user, never prompts. Writes the spirit1 (and, with an IDRIS login, jean-zay)
    aliases into ~/.ssh/config with Set-EspriSshConfig (a .bak copy is kept) and restricts private keys
    and the config to their owner with Repair-EspriKeyPermission. A key of a refused type cannot be
    repaired by a script (the user must make and register a new key): it is logged.
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

    $configArgs = @{ User = $User }
    if ($JeanZayUser) { $configArgs.JeanZayUser = $JeanZayUser }
    $change = Set-EspriSshConfig @configArgs -Confirm:$false -WarningVariable configWarnings
    Write-Log "config $($change.Path): changed=$($change.Changed) backup=$($change.BackupPath)"
    $configWarnings | ForEach-Object { Write-Log "config warning: $_" }

    foreach ($repair in Repair-EspriKeyPermission -Confirm:$false) {
        if ($repair.Changed) { Write-Log "rights repaired: $($repair.Path) $($repair.Before) -> $($repair.After)" }
    }

    foreach ($key in Get-EspriKey | Where-Object { $_.Kind -eq 'Private' -and "$($_.SitePolicy)" -eq 'Refused' }) {
        Write-Log "needs the user: $($key.Path) is refused by the site ($($key.SitePolicyReason)); run New-EspriKey and register the new public key"
    }

    Write-Output 'EspriSsh: remediation done'
    exit 0
}
catch {
    Write-Log "error $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    Write-Output "EspriSsh: remediation failed: $($_.Exception.Message)"
    exit 1
}
