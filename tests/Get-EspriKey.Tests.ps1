# Get-EspriKey: every key of a sandbox judged as ssh-keygen, puttygen, ssh-agent and the site would.
# Expected types, sizes and fingerprints come from ssh-keygen -l / puttygen -L, never from our code.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:Missing = Test-Skip -Tool ssh-keygen, puttygen, ssh-agent, ssh-add, chmod
}

Describe 'Get-EspriKey audits a sandbox ssh folder' -Skip:$Missing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:Box = New-TestSandbox
        $ssh = $Box.Ssh
        function script:Keygen([string] $Name, [string[]] $Options) {
            ssh-keygen -q @Options -C "$Name@test" -f (Join-Path $ssh $Name) | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed for $Name" }
        }
        Keygen id_ed25519 @('-t', 'ed25519', '-a', '2', '-N', 'pass phrase')
        Keygen id_rsa @('-t', 'rsa', '-b', '4096', '-a', '2', '-N', 'pass phrase')
        Keygen rsa2048 @('-t', 'rsa', '-b', '2048', '-N', '')
        Keygen id_dsa @('-t', 'dsa', '-N', '')
        Keygen legacy.pem @('-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '')
        Keygen loose @('-t', 'ed25519', '-a', '2', '-N', 'pass phrase')
        Keygen mismatched @('-t', 'ed25519', '-a', '2', '-N', 'pass phrase')
        Keygen stranger @('-t', 'ed25519', '-N', '')
        chmod 644 (Join-Path $ssh 'loose')
        # The .pub of 'mismatched' is the one of 'stranger': what ssh-keygen -l says of each stays the truth.
        $script:MismatchedTruth = Get-SshKeygenFacts (Join-Path $ssh 'mismatched.pub')
        Copy-Item (Join-Path $ssh 'stranger.pub') (Join-Path $ssh 'mismatched.pub') -Force
        Remove-Item (Join-Path $ssh 'stranger')

        $passFile = Join-Path $Box.Home 'pass.txt'
        [IO.File]::WriteAllText($passFile, 'ppk pass')
        puttygen -q -t ed25519 -C 'ppk@test' -o (Join-Path $ssh 'putty.ppk') --new-passphrase $passFile
        puttygen -q -t rsa -b 2048 -C 'ppk2@test' -o (Join-Path $ssh 'old.ppk') --ppk-param version=2 --new-passphrase $passFile
        $script:PpkPub = @{}
        foreach ($p in 'putty', 'old') {
            $pub = Join-Path $Box.Home "$p.pub"
            puttygen (Join-Path $ssh "$p.ppk") -L --old-passphrase $passFile | Set-Content $pub
            $PpkPub[$p] = Get-SshKeygenFacts $pub
        }

        Set-Content (Join-Path $ssh 'config') "Host spirit1`n  User me"
        Set-Content (Join-Path $ssh 'known_hosts') (Get-Content (Join-Path $ssh 'rsa2048.pub'))
        Set-Content (Join-Path $ssh 'authorized_keys') (Get-Content (Join-Path $ssh 'rsa2048.pub'))
        Set-Content (Join-Path $ssh 'id_broken') "-----BEGIN OPENSSH PRIVATE KEY-----`nb3BlbnNzaC1rZXktdjEA!!!`n-----END OPENSSH PRIVATE KEY-----"
        chmod 600 (Join-Path $ssh 'id_broken')

        $script:Agent = Start-TestSshAgent -Directory $Box.Home
        $script:SavedSock = $env:SSH_AUTH_SOCK
        $env:SSH_AUTH_SOCK = $Agent.Socket
        ssh-add -q (Join-Path $ssh 'legacy.pem') 2>$null
        if ($LASTEXITCODE -ne 0) { throw 'ssh-add failed' }

        $script:Entries = Get-EspriKey -SshDirectory $ssh
        function script:Entry([string] $Name) { $Entries | Where-Object { (Split-Path -Leaf $_.Path) -eq $Name } }
    }

    AfterAll {
        $env:SSH_AUTH_SOCK = $SavedSock
        Stop-TestSshAgent $Agent
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'finds every key once, tagged EspriSsh.KeyEntry, and skips config, known_hosts, authorized_keys' {
        @($Entries | ForEach-Object { Split-Path -Leaf $_.Path }) | Sort-Object |
            Should -Be (@('id_broken', 'id_dsa', 'id_ed25519', 'id_rsa', 'legacy.pem', 'loose', 'mismatched', 'old.ppk', 'putty.ppk', 'rsa2048', 'stranger.pub') | Sort-Object)
        $Entries[0].PSObject.TypeNames[0] | Should -Be 'EspriSsh.KeyEntry'
    }

    It '<Name>: type, bits and fingerprint as ssh-keygen -l, format <Format>, encrypted <Encrypted>, site <Policy>' -ForEach @(
        @{ Name = 'id_ed25519'; Format = 'OpenSSH'; Encrypted = $true; Policy = 'Preferred'; Problems = 0 }
        @{ Name = 'id_rsa'; Format = 'OpenSSH'; Encrypted = $true; Policy = 'Tolerated'; Problems = 1 }
        @{ Name = 'rsa2048'; Format = 'OpenSSH'; Encrypted = $false; Policy = 'Refused'; Problems = 2 }
        @{ Name = 'id_dsa'; Format = 'OpenSSH'; Encrypted = $false; Policy = 'Refused'; Problems = 2 }
        @{ Name = 'legacy.pem'; Format = 'PEM'; Encrypted = $false; Policy = 'Refused'; Problems = 2 }
    ) {
        $e = Entry $Name
        $truth = Get-SshKeygenFacts (Join-Path $Box.Ssh "$Name.pub")
        $e.Type | Should -Be $truth.Type
        $e.Bits | Should -Be $truth.Bits
        $e.Fingerprint | Should -Be $truth.Fingerprint
        $e.Format | Should -Be $Format
        $e.Encrypted | Should -Be $Encrypted
        $e.SitePolicy | Should -Be $Policy
        $e.SitePolicyReason | Should -Not -BeNullOrEmpty
        $e.HasPublicKey | Should -BeTrue
        $e.PublicKeyMatches | Should -BeTrue
        $e.PermissionsOk | Should -BeTrue
        $e.Kind | Should -Be 'Private'
        $e.Problems.Count | Should -Be $Problems -Because ($e.Problems -join ' | ')
    }

    It 'an unencrypted key: the fix it names (Install-EspriKey in place) protects it, keeping the original as .bak' {
        $fix = ((Entry rsa2048).Problems | Where-Object { $_ -match 'no passphrase' }) -replace '^.*: (Install-EspriKey .*)$', '$1'
        $fix | Should -Match '^Install-EspriKey .* -NewPassphrase .* -Force$'
        $copy = New-TestSandbox
        try {
            $key = Join-Path $copy.Ssh 'rsa2048'
            Copy-Item (Join-Path $Box.Ssh 'rsa2048*') $copy.Ssh
            $original = Get-FileHash $key
            $fix = $fix.Replace($Box.Ssh, $copy.Ssh).Replace("(Read-Host -AsSecureString 'New passphrase')", "(ConvertTo-SecureString 'new pass' -AsPlainText -Force)")
            $null = Invoke-Expression "$fix -WarningAction SilentlyContinue"
            ssh-keygen -y -P 'new pass' -f $key | Should -Match '^ssh-rsa '
            ssh-keygen -y -P '' -f $key 2>$null | Out-Null
            $LASTEXITCODE | Should -Not -Be 0 -Because 'the key is now protected'
            (Get-FileHash "$key.bak").Hash | Should -Be $original.Hash
        }
        finally { Remove-Item -Recurse -Force $copy.Home -ErrorAction Ignore }
    }

    It 'PuTTY keys: <Name> is <Format>, fingerprint as puttygen -L | ssh-keygen -l, the fix is Install-EspriKey' -ForEach @(
        @{ Name = 'putty'; Format = 'PPK v3'; Policy = 'Preferred' }
        @{ Name = 'old'; Format = 'PPK v2'; Policy = 'Refused' }
    ) {
        $e = Entry "$Name.ppk"
        $e.Format | Should -Be $Format
        $e.Encrypted | Should -BeTrue
        $e.Fingerprint | Should -Be $PpkPub[$Name].Fingerprint
        $e.Bits | Should -Be $PpkPub[$Name].Bits
        $e.Type | Should -Be $PpkPub[$Name].Type
        $e.SitePolicy | Should -Be $Policy
        $e.HasPublicKey | Should -BeFalse
        $e.Problems -join ' ' | Should -Match 'Install-EspriKey'
    }

    It 'a 0644 key is too open (ssh-keygen refuses it as well) and the fix is given' {
        ssh-keygen -y -P 'pass phrase' -f (Join-Path $Box.Ssh 'loose') 2>&1 | Out-String | Should -Match 'UNPROTECTED PRIVATE KEY FILE'
        $e = Entry loose
        $e.PermissionsOk | Should -BeFalse
        $e.Permissions | Should -Be '0644'
        $e.Problems -join ' ' | Should -Match 'chmod 600'
        $e.Problems -join ' ' | Should -Match 'Repair-EspriKeyPermission'
    }

    It 'a .pub that belongs to another key: PublicKeyMatches false, the fingerprint is the private key''s, the fix keeps the old .pub' {
        $e = Entry mismatched
        $e.PublicKeyMatches | Should -BeFalse
        $e.Fingerprint | Should -Be $MismatchedTruth.Fingerprint
        $fix = ($e.Problems | Where-Object { $_ -match 'not the public half' }) -replace '^.*: (Install-EspriKey .*)$', '$1'
        $fix | Should -Match '^Install-EspriKey .* -Force$'
        $copy = New-TestSandbox
        try {
            $key = Join-Path $copy.Ssh 'mismatched'
            Copy-Item (Join-Path $Box.Ssh 'mismatched*') $copy.Ssh
            $old = Get-FileHash "$key.pub"
            $null = Invoke-Expression ($fix.Replace($Box.Ssh, $copy.Ssh))
            (Get-SshKeygenFacts "$key.pub").Fingerprint | Should -Be $MismatchedTruth.Fingerprint
            (Get-FileHash "$key.pub.bak").Hash | Should -Be $old.Hash
            (Get-EspriKey -Path $key).PublicKeyMatches | Should -BeTrue
        }
        finally { Remove-Item -Recurse -Force $copy.Home -ErrorAction Ignore }
    }

    It 'a damaged key file is an entry with a problem, not a failure' {
        $e = Entry id_broken
        $e.Format | Should -BeNullOrEmpty
        $e.Fingerprint | Should -BeNullOrEmpty
        $e.Problems -join ' ' | Should -Match 'cannot be read'
    }

    It 'a .pub alone is a Public entry' {
        $e = Entry stranger.pub
        $e.Kind | Should -Be 'Public'
        $e.Fingerprint | Should -Be (Get-SshKeygenFacts (Join-Path $Box.Ssh 'stranger.pub')).Fingerprint
        $e.Encrypted | Should -BeNullOrEmpty
    }

    It 'InAgent is true only for the key ssh-add -l lists' {
        $listed = (ssh-add -l -E sha256) | ForEach-Object { ($_ -split ' ')[1] }
        foreach ($e in $Entries | Where-Object Fingerprint) {
            $e.InAgent | Should -Be ($listed -contains $e.Fingerprint) -Because $e.Path
        }
        (Entry legacy.pem).InAgent | Should -BeTrue
    }

    It 'InAgent is unknown ($null) when no agent is reachable' {
        $env:SSH_AUTH_SOCK = $null
        try { $e = Get-EspriKey -Path (Join-Path $Box.Ssh 'legacy.pem') }
        finally { $env:SSH_AUTH_SOCK = $Agent.Socket }
        $e.InAgent | Should -BeNullOrEmpty
        $e.Fingerprint | Should -Be (Entry legacy.pem).Fingerprint
    }

    It 'Get-EspriKey | Where-Object SitePolicy -eq Refused lists exactly the refused keys' {
        @(Get-EspriKey -SshDirectory $Box.Ssh | Where-Object SitePolicy -eq Refused | ForEach-Object { Split-Path -Leaf $_.Path }) | Sort-Object |
            Should -Be @('id_dsa', 'legacy.pem', 'old.ppk', 'rsa2048')
    }

    It 'takes files from the pipeline (Get-ChildItem *.ppk | Get-EspriKey)' {
        @(Get-ChildItem (Join-Path $Box.Ssh '*.ppk') | Get-EspriKey).Count | Should -Be 2
    }

    It 'a .pub given as -Path reports its private key' {
        (Get-EspriKey -Path (Join-Path $Box.Ssh 'id_ed25519.pub')).Path | Should -Be (Join-Path $Box.Ssh 'id_ed25519')
    }

    It 'a missing path is KeyFileNotFound' {
        { Get-EspriKey -Path (Join-Path $Box.Home 'nothing-here') -ErrorAction Stop } | Should -Throw -ErrorId 'KeyFileNotFound,EspriSsh.Commands.GetEspriKeyCommand'
    }

    It 'the table view shows one row per key' {
        $text = $Entries | Out-String -Width 200
        $text | Should -Match '0644 OPEN'
        $text | Should -Match 'Refused'
    }
}
