# Install-EspriKey ("keys replication"): a key made by ssh-keygen or puttygen elsewhere, installed in a
# fresh sandbox ssh folder; ssh-keygen -y on the result is the judge.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:Missing = Test-Skip -Tool ssh-keygen, puttygen, ssh-agent, ssh-add
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Id = ',EspriSsh.Commands.InstallEspriKeyCommand'
    function script:Secure([string] $s) { ConvertTo-SecureString $s -AsPlainText -Force }
    function script:KeyPart([string] $line) { ($line.Trim() -split ' ')[0..1] -join ' ' }
    function script:Sha([string] $path) { (Get-FileHash -Algorithm SHA256 $path).Hash }
}

Describe 'Install-EspriKey replicates keys' -Skip:$Missing {
    BeforeAll {
        # The "other computer": keys made by the real tools, outside any ssh folder.
        $script:Source = New-TestSandbox
        $src = $Source.Home
        ssh-keygen -q -t ed25519 -a 2 -N 'ed pass' -C 'ed@laptop' -f "$src/laptop_ed25519"
        ssh-keygen -q -t rsa -b 2048 -m PEM -N 'pem pass' -C 'pem@laptop' -f "$src/legacy_rsa"
        ssh-keygen -q -t ed25519 -N '' -C 'bare@laptop' -f "$src/bare"
        ssh-keygen -q -t ed25519 -a 2 -N 'other pass' -C 'other@laptop' -f "$src/other_ed25519"
        $script:PassFile = "$src/ppk-pass.txt"
        [IO.File]::WriteAllText($PassFile, 'ppk pass')
        puttygen -q -t ed25519 -C 'ppk@windows' -o "$src/windows.ppk" --new-passphrase $PassFile
        puttygen -q -t rsa -b 2048 -C 'ppk2@windows' -o "$src/old.ppk" --ppk-param version=2 --new-passphrase $PassFile
        $script:SavedSock = $env:SSH_AUTH_SOCK
    }

    AfterAll {
        $env:SSH_AUTH_SOCK = $SavedSock
        Remove-Item -Recurse -Force $Source.Home -ErrorAction Ignore
    }

    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'an ssh-keygen key: copied as is to id_ed25519, 0600, .pub equal to ssh-keygen -y, passphrase kept' {
        $k = Install-EspriKey -Path "$($Source.Home)/laptop_ed25519" -SshDirectory $Box.Ssh
        $k.PSObject.TypeNames[0] | Should -Be 'EspriSsh.KeyInfo'
        $k.Path | Should -Be (Join-Path $Box.Ssh 'id_ed25519')
        $k.Encrypted | Should -BeTrue
        Sha $k.Path | Should -Be (Sha "$($Source.Home)/laptop_ed25519")
        KeyPart (Get-Content $k.PublicKeyPath) | Should -Be (KeyPart (ssh-keygen -y -P 'ed pass' -f $k.Path))
        Get-Content $k.PublicKeyPath | Should -Be (Get-Content "$($Source.Home)/laptop_ed25519.pub")
        $k.Fingerprint | Should -Be (Get-SshKeygenFacts $k.PublicKeyPath).Fingerprint
        Get-UnixMode $k.Path | Should -Be '600'
        Get-UnixMode $Box.Ssh | Should -Be '700'
    }

    It 'a puttygen .ppk (<Version>): OpenSSH file at <Name>, same passphrase, .pub equal to puttygen -L and ssh-keygen -y' -ForEach @(
        @{ File = 'windows.ppk'; Version = 'v3'; Name = 'id_ed25519' }
        @{ File = 'old.ppk'; Version = 'v2'; Name = 'id_rsa' }
    ) {
        $ppk = "$($Source.Home)/$File"
        $k = Install-EspriKey -Path $ppk -Passphrase (Secure 'ppk pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
        $k.Path | Should -Be (Join-Path $Box.Ssh $Name)
        $k.Encrypted | Should -BeTrue
        (Get-Content $k.Path -First 1) | Should -Be '-----BEGIN OPENSSH PRIVATE KEY-----'
        $fromPutty = puttygen $ppk -L --old-passphrase $PassFile
        $fromKeygen = ssh-keygen -y -P 'ppk pass' -f $k.Path
        $LASTEXITCODE | Should -Be 0
        KeyPart $fromKeygen | Should -Be (KeyPart $fromPutty)
        KeyPart (Get-Content $k.PublicKeyPath) | Should -Be (KeyPart $fromPutty)
        Get-Content $k.PublicKeyPath | Should -Be $fromPutty
        ssh-keygen -y -P '' -f $k.Path 2>$null | Out-Null
        $LASTEXITCODE | Should -Not -Be 0 -Because 'the installed key must stay protected'
        Get-UnixMode $k.Path | Should -Be '600'
    }

    It 'a PEM RSA key is re-encrypted into the OpenSSH format with the same passphrase' {
        $k = Install-EspriKey -Path "$($Source.Home)/legacy_rsa" -Passphrase (Secure 'pem pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
        $k.Path | Should -Be (Join-Path $Box.Ssh 'id_rsa')
        (Get-Content $k.Path -First 1) | Should -Be '-----BEGIN OPENSSH PRIVATE KEY-----'
        KeyPart (ssh-keygen -y -P 'pem pass' -f $k.Path) | Should -Be (KeyPart (Get-Content "$($Source.Home)/legacy_rsa.pub"))
    }

    It 'the same key again is a no-op that says so and returns the KeyInfo' {
        $first = Install-EspriKey -Path "$($Source.Home)/windows.ppk" -Passphrase (Secure 'ppk pass') -SshDirectory $Box.Ssh
        $before = Sha $first.Path
        $stamp = (Get-Item $first.Path).LastWriteTimeUtc
        $warnings = $null
        $again = Install-EspriKey -Path "$($Source.Home)/windows.ppk" -SshDirectory $Box.Ssh -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join ' ') | Should -Match 'already holds this key'
        $again.Fingerprint | Should -Be $first.Fingerprint
        $again.PublicKey | Should -Be $first.PublicKey
        $again.Encrypted | Should -BeTrue
        Sha $first.Path | Should -Be $before
        (Get-Item $first.Path).LastWriteTimeUtc | Should -Be $stamp
        @(Get-ChildItem $Box.Ssh).Name | Should -Be @('id_ed25519', 'id_ed25519.pub')
    }

    It 'a different key is KeyFileExists; -Force replaces it and keeps .bak' {
        $first = Install-EspriKey -Path "$($Source.Home)/laptop_ed25519" -SshDirectory $Box.Ssh
        $kept = Sha $first.Path
        { Install-EspriKey -Path "$($Source.Home)/other_ed25519" -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "KeyFileExists$Id"
        Sha $first.Path | Should -Be $kept
        $second = Install-EspriKey -Path "$($Source.Home)/other_ed25519" -SshDirectory $Box.Ssh -Force
        Sha $second.Path | Should -Be (Sha "$($Source.Home)/other_ed25519")
        Sha "$($first.Path).bak" | Should -Be $kept
        @($second.BackupPaths).Count | Should -Be 2
    }

    It 'an unencrypted key is installed with a warning; -NewPassphrase protects it' {
        $warnings = $null
        $k = Install-EspriKey -Path "$($Source.Home)/bare" -SshDirectory $Box.Ssh -WarningVariable warnings -WarningAction SilentlyContinue
        $k.Encrypted | Should -BeFalse
        ($warnings -join ' ') | Should -Match 'no passphrase'
        ($warnings -join ' ') | Should -Match 'NewPassphrase'

        $p = Install-EspriKey -Path "$($Source.Home)/bare" -SshDirectory $Box.Ssh -Destination (Join-Path $Box.Ssh 'protected') -NewPassphrase (Secure 'new pass')
        $p.Encrypted | Should -BeTrue
        KeyPart (ssh-keygen -y -P 'new pass' -f $p.Path) | Should -Be (KeyPart (Get-Content "$($Source.Home)/bare.pub"))
    }

    It '-WhatIf writes nothing' {
        Invoke-WithoutHost { param($Key, $Ssh) Install-EspriKey -Path $Key -SshDirectory $Ssh -WhatIf } @{ Key = "$($Source.Home)/laptop_ed25519"; Ssh = $Box.Ssh }
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'takes files from the pipeline (Get-ChildItem *.ppk | Install-EspriKey)' {
        $keys = Get-ChildItem "$($Source.Home)/*.ppk" | Install-EspriKey -Passphrase (Secure 'ppk pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
        @($keys.Path | ForEach-Object { Split-Path -Leaf $_ }) | Sort-Object | Should -Be @('id_ed25519', 'id_rsa')
    }

    It 'a wrong passphrase is <Expected>' -ForEach @(
        @{ File = 'windows.ppk'; Expected = 'PpkWrongPassphrase' }
        @{ File = 'legacy_rsa'; Expected = 'KeyWrongPassphrase' }
    ) {
        { Install-EspriKey -Path "$($Source.Home)/$File" -Passphrase (Secure 'wrong') -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "$Expected$Id"
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'non-interactive without -Passphrase: PassphraseRequired, no prompt, nothing written' {
        $r = Invoke-FreshPwsh -TimeoutSec 60 -Command "Import-Module '$(Get-TestModulePath)'; try { Install-EspriKey -Path '$($Source.Home)/windows.ppk' -SshDirectory '$($Box.Ssh)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $r.TimedOut | Should -BeFalse
        $r.Output | Should -Match "PassphraseRequired$Id"
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'a file that is not a private key is KeyFormatInvalid' {
        { Install-EspriKey -Path "$($Source.Home)/bare.pub" -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "KeyFormatInvalid$Id"
    }

    It '-AddToAgent loads the key in a real ssh-agent without ssh-add on PATH (ssh-add -l lists it)' {
        $agent = Start-TestSshAgent -Directory $Box.Home
        $env:SSH_AUTH_SOCK = $agent.Socket
        $savedPath = $env:PATH
        try {
            $env:PATH = $Box.Home # nothing there: no ssh-add (a Windows user with only MobaXterm)
            try {
                $k = Install-EspriKey -Path "$($Source.Home)/windows.ppk" -Passphrase (Secure 'ppk pass') -SshDirectory $Box.Ssh -AddToAgent -WarningVariable warnings -InformationVariable said 6>$null
            }
            finally { $env:PATH = $savedPath }
            $warnings | Should -BeNullOrEmpty
            ($said -join ' ') | Should -Match ([regex]::Escape("Added '$($k.Path)' ($($k.Fingerprint)) to the OpenSSH ssh-agent at '$($agent.Socket)'"))
            $listed = ssh-add -l -E sha256
            $LASTEXITCODE | Should -Be 0
            ($listed | ForEach-Object { ($_ -split ' ')[1] }) | Should -Contain $k.Fingerprint
            (Get-EspriKey -Path $k.Path).InAgent | Should -BeTrue
        }
        finally {
            $env:SSH_AUTH_SOCK = $SavedSock
            Stop-TestSshAgent $agent
        }
    }

    It '-AddToAgent without a reachable agent: installed, with a warning that says how to start one' {
        $env:SSH_AUTH_SOCK = $null
        try {
            $warnings = $null
            $k = Install-EspriKey -Path "$($Source.Home)/laptop_ed25519" -Passphrase (Secure 'ed pass') -SshDirectory $Box.Ssh -AddToAgent -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { $env:SSH_AUTH_SOCK = $SavedSock }
        Test-Path $k.Path | Should -BeTrue
        ($warnings -join ' ') | Should -Match ([regex]::Escape('$env:SSH_AUTH_SOCK'))
        ($warnings -join ' ') | Should -Not -Match 'eval'
    }

    It 'the advice to start an agent works when pasted in PowerShell, and a second paste reuses that agent' -Skip:$IsWindows {
        $warnings = $null
        $saved = $env:SSH_AUTH_SOCK
        $env:SSH_AUTH_SOCK = $null
        try { $null = Install-EspriKey -Path "$($Source.Home)/laptop_ed25519" -Passphrase (Secure 'ed pass') -SshDirectory $Box.Ssh -AddToAgent -WarningVariable warnings -WarningAction SilentlyContinue }
        finally { $env:SSH_AUTH_SOCK = $saved }
        $advice = [regex]::Match(($warnings -join "`n"), '(?m)Start one from PowerShell with this line.*\n    (.+)$').Groups[1].Value
        $advice | Should -Not -BeNullOrEmpty
        $socket = Join-Path $Box.Home '.ssh/agent.sock'
        $script = "$advice; `$first = (Get-Item `$env:SSH_AUTH_SOCK).LastWriteTimeUtc; $advice; ssh-add -l *> `$null; `$LASTEXITCODE; (Get-Item `$env:SSH_AUTH_SOCK).LastWriteTimeUtc -eq `$first"
        try {
            $r = Invoke-FreshPwsh -Command $script -Environment @{ HOME = $Box.Home; SSH_AUTH_SOCK = '' }
            ($r.Output -split "`n" | Where-Object { $_ }) | Should -Be @('1', 'True') -Because 'ssh-add -l exits 1 (an agent with no key), and the second paste keeps the same socket'
            @(pgrep -f "ssh-agent -a $([regex]::Escape($socket))`$").Count | Should -Be 1 -Because 'the second paste starts no second agent'
        }
        finally {
            # The agent outlives that shell on purpose; stop the one this test started (found by its unique socket).
            foreach ($id in @(pgrep -f "ssh-agent -a $([regex]::Escape($socket))`$")) { Stop-Process -Id $id -ErrorAction Ignore }
        }
    }
}
