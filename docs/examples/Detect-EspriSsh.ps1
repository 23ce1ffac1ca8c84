<#
.SYNOPSIS
    Intune/GPO detection: is this user's SSH setup for ESPRI compliant? Exit 0 = yes, 1 = no (or error).
.DESCRIPTION
    Runs as the signed-in user, never prompts, changes nothing (Start-EspriSetup -WhatIf). Compliant
    means: the user has a key the site accepts, protected and readable by them only; ~/.ssh/config
    already has the spirit1 (and jean-zay) aliases for it; no private key is readable by others and none
    is of a type the site refuses. The reasons are logged; one summary line is printed for the Intune
    report.
#>
[CmdletBinding()]
param(
    # The user's ESPRI login (default: the ESPRI_USER environment variable).
    [string] $User = $env:ESPRI_USER,
    # The user's IDRIS login, to check the jean-zay alias too (default: ESPRI_JEANZAY_USER).
    [string] $JeanZayUser = $env:ESPRI_JEANZAY_USER,
    [string] $LogPath = (Join-Path $(if ($env:LOCALAPPDATA) { $env:LOCALAPPDATA } else { Join-Path $HOME '.cache' }) 'EspriSsh/Detect-EspriSsh.log')
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Force (Split-Path $LogPath)
function Write-Log([string] $Message) { Add-Content -Path $LogPath -Value ('{0:u} {1}' -f (Get-Date), $Message) }

try {
    if (-not $User) { throw 'No ESPRI login: pass -User or set ESPRI_USER.' }
    Import-Module EspriSsh
    $reasons = [System.Collections.Generic.List[string]]::new()

    $setupArgs = @{ User = $User }
    if ($JeanZayUser) { $setupArgs.JeanZayUser = $JeanZayUser }
    # -WhatIf: the setup says what it would do and does nothing; a step with something to do is a reason.
    $setup = Start-EspriSetup @setupArgs -WhatIf
    $labels = @{ Key = 'key'; Config = 'ssh config' }
    foreach ($step in $setup.Steps | Where-Object { $labels.ContainsKey("$($_.Name)") }) {
        Write-Log "$($step.Name): $($step.Status). $($step.Detail)"
        if ("$($step.Status)" -ne 'AlreadyDone') { $reasons.Add("$($labels["$($step.Name)"]): $($step.Detail)") }
    }

    foreach ($key in Get-EspriKey | Where-Object Kind -eq 'Private') {
        if ($key.PermissionsOk -eq $false) { $reasons.Add("key rights too open: $($key.Path) ($($key.Permissions))") }
        if ("$($key.SitePolicy)" -eq 'Refused') { $reasons.Add("key refused by the site: $($key.Path) ($($key.SitePolicyReason))") }
    }

    if ($reasons.Count -eq 0) {
        Write-Log "compliant (user $User)"
        Write-Output 'EspriSsh: compliant'
        exit 0
    }
    $reasons | ForEach-Object { Write-Log "not compliant: $_" }
    Write-Output ("EspriSsh: not compliant: " + ($reasons -join '; '))
    exit 1
}
catch {
    Write-Log "error $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    Write-Output "EspriSsh: detection failed: $($_.Exception.Message)"
    exit 1
}
