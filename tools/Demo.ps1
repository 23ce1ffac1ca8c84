<#
.SYNOPSIS
    Shows EspriSsh working, in a sandbox home: your real ~/.ssh is never touched.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$sandbox = Join-Path ([IO.Path]::GetTempPath()) ('espri-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
# Owner-only from the start: the sandbox holds private keys (one on purpose without a passphrase).
function New-PrivateFolder([string] $Path) {
    $folder = New-Item -ItemType Directory -Force $Path
    if (-not $IsWindows) { chmod 700 $folder.FullName }
    $folder
}
$null = New-PrivateFolder $sandbox
$env:ESPRISSH_HOME = $sandbox
Import-Module $ModulePath
try {

    function Step([string] $Title) { Write-Host "`n== $Title ==" -ForegroundColor Cyan }

    Write-Host "Sandbox home: $sandbox (ESPRISSH_HOME); your own ~/.ssh is not used."

    Step '0. Start here: the whole page in one command (Start-EspriSetup)'
    # A home of its own, so the steps after this one start from nothing.
    $setupHome = New-PrivateFolder (Join-Path $sandbox 'setup-home')
    $env:ESPRISSH_HOME = $setupHome.FullName
    $setupPass = ConvertTo-SecureString 'demo passphrase, use your own' -AsPlainText -Force
    $canServe = ((Get-Command sshd -ErrorAction Ignore) -or (Test-Path /usr/sbin/sshd)) -and (Get-Command ssh-keygen -ErrorAction Ignore)
    if ($canServe) {
        # A throw-away sshd stands in for spirit1, through a site profile file (the real one names spirit1.ipsl.fr).
        Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
        $setupSshd = Start-TestSshd
        $env:ESPRISSH_SITE_PROFILE = New-TestSiteProfile (Join-Path $setupHome 'site.json') -Hosts @{ alias = 'spirit1'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $setupSshd.Port }
        $setupUser = $setupSshd.User
    }
    else { $setupUser = 'jdupont' }
    try {
        # A demo cannot type: the passphrase is given here; in a terminal only it is asked, twice.
        Write-Host "Start-EspriSetup -User $setupUser   (a computer without key: it makes one, writes the config...)"
        Start-EspriSetup -User $setupUser -Passphrase $setupPass -WarningAction SilentlyContinue | Out-Host
        if ($canServe) {
            Write-Host 'The IT team installs the public line on the server; then, with -TestConnection:'
            Add-Content -Path $setupSshd.AuthorizedKeysFile -Value (Get-Content (Join-Path $setupHome '.ssh/id_ed25519.pub'))
            Start-EspriSetup -User $setupUser -Passphrase $setupPass -TestConnection -AcceptNewHostKey -WarningAction SilentlyContinue | Out-Host
        }
        else { Write-Host 'sshd or ssh-keygen is not installed: the connection test is not shown.' -ForegroundColor Yellow }
    }
    finally {
        if ($canServe) { Stop-TestSshd $setupSshd; Remove-Item Env:ESPRISSH_SITE_PROFILE }
        $env:ESPRISSH_HOME = $sandbox
    }

    Step '1. The site: hosts, key policy, support (Get-EspriSite)'
    Get-EspriSite | Out-Host

    Step '2. Make the key the site asks for (New-EspriKey): ED25519, passphrase, ~/.ssh/id_ed25519'
    # A demo cannot type: the passphrase is given here; interactively New-EspriKey asks for it twice.
    $demoPassphrase = ConvertTo-SecureString 'demo passphrase, use your own' -AsPlainText -Force
    $key = New-EspriKey -Passphrase $demoPassphrase -Comment 'demo@espri'
    $key | Out-Host
    Write-Host "Files written in $(Split-Path $key.Path):"
    Get-ChildItem (Split-Path $key.Path) | Format-Table Name, Length, @{ n = 'Mode'; e = { if ($IsWindows) { $_.Mode } else { $_.UnixMode } } } | Out-Host
    if (Get-Command ssh-keygen -ErrorAction Ignore) {
        Write-Host 'ssh-keygen reads it with the passphrase and prints the same public key:'
        ssh-keygen -y -P 'demo passphrase, use your own' -f $key.Path | Out-Host
    }
    Write-Host 'Asking again would not replace it:'
    New-EspriKey -NoPassphrase -ErrorAction Continue -WarningAction SilentlyContinue 2>&1 | ForEach-Object { Write-Host "  $($_.Exception.Message)" }

    Step '3. A PuTTY/MobaXterm key (.ppk) turned into OpenSSH key files, and back (Convert-PpkKey)'
    if (Get-Command puttygen -ErrorAction Ignore) {
        $ppk = Join-Path $sandbox 'from-mobaxterm.ppk'
        $passFile = Join-Path $sandbox 'ppk-pass'
        [IO.File]::WriteAllText($passFile, 'demo ppk passphrase')
        puttygen -t ed25519 -C 'made in MobaXterm' -o $ppk --new-passphrase $passFile
        Remove-Item $passFile
        Write-Host "puttygen -L says:  $(puttygen -L $ppk)"
        # id_ed25519 is taken by step 2: without -Destination this would stop with KeyFileExists.
        $converted = Convert-PpkKey $ppk -Passphrase (ConvertTo-SecureString 'demo ppk passphrase' -AsPlainText -Force) -Destination (Join-Path $sandbox '.ssh/id_ed25519_mobaxterm')
        $converted | Out-Host
        Write-Host "ssh-keygen -y says: $(ssh-keygen -y -P 'demo ppk passphrase' -f $converted.Path)"
        $back = Convert-PpkKey $converted.Path -OutputFormat Ppk -Destination (Join-Path $sandbox 'back-to-putty.ppk') -Passphrase (ConvertTo-SecureString 'demo ppk passphrase' -AsPlainText -Force)
        Write-Host "And back to PuTTY: $($back.Path) ($(Get-Content -TotalCount 1 $back.Path))"
    }
    else {
        Write-Host 'puttygen is not installed: skipping the .ppk demo (install putty-tools to see it).'
    }

    Step '4. Check the public line before pasting it in the account form (Test-EspriPublicKey)'
    Test-EspriPublicKey -Path "$($key.Path).pub" | Out-Host
    Write-Host 'The same line as people often paste it: wrapped over two lines, in quotes. It is repaired:'
    $line = Get-Content "$($key.Path).pub" -Raw
    $mangled = '"' + $line.Substring(0, 40) + "`r`n" + $line.Substring(40).Trim() + '"'
    Test-EspriPublicKey $mangled | Out-Host
    Write-Host 'And a private key pasted by mistake is refused loudly:'
    Test-EspriPublicKey (Get-Content $key.Path -Raw) -WarningAction Continue | Select-Object Valid, @{ n = 'Problems'; e = { $_.Problems.Code } } | Out-Host

    Step '5. Write the spirit1 and jean-zay aliases into ~/.ssh/config without breaking it (Set-EspriSshConfig)'
    $demoSsh = Join-Path $sandbox '.ssh'
    $null = New-PrivateFolder $demoSsh
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

    Step '6. Keys replication and audit (Install-EspriKey, Get-EspriKey, Repair-EspriKeyPermission)'
    if (Get-Command ssh-keygen -ErrorAction Ignore) {
        # The "old laptop": an RSA key copied by USB stick, rights lost on the way, in a second sandbox ssh folder.
        $laptop = Join-Path $sandbox 'old-laptop'
        $null = New-PrivateFolder $laptop
        ssh-keygen -q -t rsa -b 4096 -N 'laptop passphrase' -C 'me@old-laptop' -f (Join-Path $laptop 'id_rsa')
        ssh-keygen -q -t rsa -b 2048 -N '' -C 'forgotten@old-laptop' -f (Join-Path $laptop 'old_rsa')
        $replica = Join-Path (New-PrivateFolder (Join-Path $sandbox 'replica')) '.ssh'
        Write-Host 'Install-EspriKey copies the encrypted key as is, writes its .pub, 0600:'
        Install-EspriKey (Join-Path $laptop 'id_rsa') -SshDirectory $replica -WarningAction Continue | Format-List Path, Type, Bits, Fingerprint, Encrypted | Out-Host
        Write-Host 'The same key again is a no-op:'
        $null = Install-EspriKey (Join-Path $laptop 'id_rsa') -SshDirectory $replica -WarningAction Continue
        if (-not $IsWindows) { chmod 644 (Join-Path $laptop 'old_rsa') }
        Write-Host "`nGet-EspriKey audits a folder (never asks for a passphrase):"
        Get-EspriKey -Path $laptop, $replica | Out-Host
        Write-Host 'Get-EspriKey | Where-Object SitePolicy -eq Refused, with the reasons and fixes:'
        Get-EspriKey -Path $laptop | Where-Object SitePolicy -eq Refused | Format-List Path, SitePolicyReason, Problems | Out-Host
        Write-Host 'Repair-EspriKeyPermission gives the keys back to their owner alone:'
        Get-EspriKey -Path $laptop | Where-Object PermissionsOk -eq $false | Repair-EspriKeyPermission | Out-Host
    }
    else {
        Write-Host 'ssh-keygen is not installed: skipping the replication demo.'
    }

    Step '7. Test the connection stage by stage (Test-EspriConnection) against a local sshd'
    $sshdPresent = (Get-Command sshd -ErrorAction Ignore) -or (Test-Path /usr/sbin/sshd)
    if (-not $sshdPresent -or -not (Get-Command ssh-keygen -ErrorAction Ignore)) {
        Write-Host 'Skipped: sshd or ssh-keygen is not installed here (the test needs a real SSH server to talk to).' -ForegroundColor Yellow
    }
    else {
        Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
        $demoSsh = Join-Path $sandbox '.ssh'
        $null = New-PrivateFolder $demoSsh
        # The key made earlier in this walkthrough (passphrase-protected), else a throw-away one.
        $demoKey = Join-Path $demoSsh 'id_ed25519'
        $keyPass = @{}
        if ((Test-Path $demoKey) -and (Get-Variable demoPassphrase -ErrorAction Ignore)) { $keyPass.Passphrase = $demoPassphrase }
        else {
            $demoKey = Join-Path $demoSsh 'id_ed25519_demo'
            & ssh-keygen -q -t ed25519 -N '' -C 'espri-demo' -f $demoKey | Out-Null
        }
        $demoSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$demoKey.pub")
        try {
            Write-Host "A throw-away sshd listens on 127.0.0.1:$($demoSshd.Port); its authorized_keys holds the demo key."
            Write-Host 'First contact: the server is unknown. In a terminal the test shows its fingerprint and asks, as ssh'
            Write-Host 'does; in a script (as here: nobody can answer) it stops at HostKey and shows the fingerprint.'
            $env:ESPRISSH_NONINTERACTIVE = '1'
            try { Test-EspriConnection 127.0.0.1 -Port $demoSshd.Port -User $demoSshd.User -IdentityFile $demoKey @keyPass | Out-Host }
            finally { Remove-Item Env:ESPRISSH_NONINTERACTIVE }
            Write-Host 'After checking the fingerprint: -AcceptNewHostKey records it in known_hosts and the test goes on.'
            Test-EspriConnection 127.0.0.1 -Port $demoSshd.Port -User $demoSshd.User -IdentityFile $demoKey @keyPass -AcceptNewHostKey | Out-Host
        }
        finally { Stop-TestSshd $demoSshd }
    }

    Step '8. When login still fails: the support report (Get-EspriDebugReport)'
    # A sandbox of its own: a key the server knows but left readable by everyone (0644), against a
    # throw-away loopback sshd, so the report has a real problem to name.
    if (-not $IsWindows -and (Get-Command ssh, ssh-keygen -ErrorAction Ignore).Count -eq 2 -and ((Get-Command sshd -ErrorAction Ignore) -or (Test-Path /usr/sbin/sshd))) {
        Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
        $null = New-PrivateFolder (Join-Path $sandbox 'report')
        $reportSsh = New-PrivateFolder (Join-Path $sandbox 'report/.ssh')
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
    UserKnownHostsFile $(Join-Path $reportSsh 'known_hosts')
"@ | Set-Content (Join-Path $reportSsh 'config')
            # The server's key is already trusted, so the only problem left is the key's rights.
            Set-Content (Join-Path $reportSsh 'known_hosts') "[127.0.0.1]:$($demoSshd.Port) $($demoSshd.HostKeyType) $($demoSshd.HostKeyBase64)"
            $report = Get-EspriDebugReport -SshDirectory $reportSsh -OutFile (Join-Path $sandbox 'ssh-debug4support.txt') -TimeoutSec 10
            $report | Out-Host
            Write-Host 'The first lines of the file:'
            Get-Content $report.Path -TotalCount 12 | Out-Host
        }
        finally { Stop-TestSshd $demoSshd }
    }
    else { Write-Host 'Skipped: this step needs ssh, ssh-keygen and sshd on Linux or macOS (it starts a throw-away sshd).' }
}
finally {
    Remove-Item -Recurse -Force $sandbox -ErrorAction Ignore
    Write-Host "`nThe sandbox $sandbox was removed."
}
