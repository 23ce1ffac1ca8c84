# Convert-PpkKey: .ppk <-> OpenSSH, judged by the real puttygen and ssh-keygen.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoTools = Test-Skip -Tool puttygen, ssh-keygen
    $script:NoAgent = Test-Skip -Tool ssh-agent, ssh-add, puttygen
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Id = ',EspriSsh.Commands.ConvertPpkKeyCommand'
    function script:Secure([string] $s) { ConvertTo-SecureString $s -AsPlainText -Force }
    function script:KeyPart([string] $line) { ($line.Trim() -split ' ')[0..1] -join ' ' }
    $script:Work = (New-TestSandbox).Home
    # puttygen reads a passphrase as the raw bytes of a file: UTF-8, no newline.
    function script:PassFile([string] $pass) {
        $f = Join-Path $Work ('pass-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        [IO.File]::WriteAllBytes($f, [Text.Encoding]::UTF8.GetBytes($pass))
        $f
    }
    $script:Masters = @{}
    # One unencrypted puttygen key per type, re-saved by puttygen with each case's settings.
    function script:PuttygenKey([string] $spec, [string] $pass, [string] $ppkParams, [string] $comment) {
        if (-not $Masters[$spec]) {
            $type, $bits = $spec -split '-'
            $m = Join-Path $Work "master-$spec.ppk"
            $gen = @('-t', $type, '-C', "$spec from puttygen", '-o', $m, '--new-passphrase', (PassFile ''))
            if ($bits) { $gen += @('-b', $bits) }
            puttygen @gen 2>$null
            $Masters[$spec] = $m
        }
        $out = Join-Path $Work ("$spec-" + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.ppk')
        $a = @($Masters[$spec], '-P', '-o', $out, '--new-passphrase', (PassFile $pass))
        if ($comment) { $a += @('-C', $comment) }
        if ($ppkParams) { $a += @('--ppk-param', $ppkParams) }
        puttygen @a
        if ($LASTEXITCODE) { throw "puttygen $a failed" }
        $out
    }
    # A well-formed encrypted PPK v3 layout with dummy bytes, then line edits: error cases by construction.
    function script:CraftedPpk([hashtable] $edits = @{}, [byte[]] $publicBlob) {
        if (-not $publicBlob) {
            $publicBlob = [byte[]](0, 0, 0, 11) + [Text.Encoding]::ASCII.GetBytes('ssh-ed25519') + [byte[]](0, 0, 0, 32) + [byte[]]::new(32)
        }
        $pub = [Convert]::ToBase64String($publicBlob)
        $pubLines = for ($i = 0; $i -lt $pub.Length; $i += 64) { $pub.Substring($i, [Math]::Min(64, $pub.Length - $i)) }
        $text = @(
            'PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: aes256-cbc', 'Comment: crafted', "Public-Lines: $(@($pubLines).Count)"
            $pubLines
            'Key-Derivation: Argon2id', 'Argon2-Memory: 8192', 'Argon2-Passes: 1',
            'Argon2-Parallelism: 1', 'Argon2-Salt: 00112233445566778899aabbccddeeff', 'Private-Lines: 1',
            [Convert]::ToBase64String([byte[]]::new(48)), ('Private-MAC: ' + ('0' * 64))
        ) -join "`n"
        foreach ($k in $edits.Keys) { $text = $text.Replace($k, $edits[$k]) }
        $f = Join-Path $Work ('crafted-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.ppk')
        [IO.File]::WriteAllText($f, $text + "`n")
        $f
    }
}

AfterAll { Remove-Item -Recurse -Force $Work -ErrorAction Ignore }

Describe 'Convert-PpkKey turns puttygen keys into OpenSSH keys ssh-keygen agrees with' -Skip:$NoTools {
    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It '<Spec> (<Params>): ssh-keygen -y -P newpass equals puttygen -L, 0600, comment kept' -ForEach @(
        @{ Spec = 'ed25519'; Params = 'memory=64,passes=1'; Name = 'id_ed25519' }
        @{ Spec = 'ed25519'; Params = 'version=2'; Name = 'id_ed25519' }
        @{ Spec = 'rsa-2048'; Params = 'kdf=argon2i,memory=64,passes=2'; Name = 'id_rsa' }
        @{ Spec = 'ecdsa-256'; Params = 'kdf=argon2d,memory=128,passes=1,parallelism=2'; Name = 'id_ecdsa' }
        @{ Spec = 'ed25519'; Params = ''; Name = 'id_ed25519' }
    ) {
        $src = PuttygenKey $Spec 'old pass' $Params
        $k = Convert-PpkKey $src -Passphrase (Secure 'old pass') -NewPassphrase (Secure 'new pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
        $k.PSObject.TypeNames[0] | Should -Be 'EspriSsh.KeyInfo'
        $k.Path | Should -Be (Join-Path $Box.Ssh $Name)
        $expected = (puttygen -L $src).Trim()
        KeyPart (ssh-keygen -y -f $k.Path -P 'new pass') | Should -Be (KeyPart $expected)
        $LASTEXITCODE | Should -Be 0
        (Get-Content $k.PublicKeyPath) | Should -Be $expected
        $k.Comment | Should -Be "$Spec from puttygen"
        $k.Encrypted | Should -BeTrue
        if (-not $IsWindows) { Get-UnixMode $k.Path | Should -Be '600' }
    }

    It 'keeps the passphrase of the .ppk by default' {
        $src = PuttygenKey 'ed25519' 'same pass' 'memory=64,passes=1'
        $k = Convert-PpkKey $src -Passphrase (Secure 'same pass') -SshDirectory $Box.Ssh
        KeyPart (ssh-keygen -y -f $k.Path -P 'same pass') | Should -Be (KeyPart (puttygen -L $src))
    }

    It 'reads CRLF files, unicode comments and unicode passphrases as PuTTY stores them' {
        $src = PuttygenKey 'ed25519' 'pässwörd 日本' 'memory=64,passes=1' 'clé de Zoë 日本'
        $crlf = "$src.crlf.ppk"
        [IO.File]::WriteAllText($crlf, [IO.File]::ReadAllText($src).Replace("`n", "`r`n"))
        $k = Convert-PpkKey $crlf -Passphrase (Secure 'pässwörd 日本') -SshDirectory $Box.Ssh
        $k.Comment | Should -Be 'clé de Zoë 日本'
        KeyPart (ssh-keygen -y -f $k.Path -P 'pässwörd 日本') | Should -Be (KeyPart (puttygen -L $src))
        [IO.File]::ReadAllText($k.PublicKeyPath, [Text.Encoding]::UTF8).Trim() | Should -Be (puttygen -L $src).Trim()
    }

    It 'takes files from Get-ChildItem *.ppk through the pipeline' {
        $dir = Join-Path $Box.Home 'downloads'
        $null = New-Item -ItemType Directory $dir
        Copy-Item (PuttygenKey 'ed25519' 'p1' 'memory=64,passes=1') (Join-Path $dir 'a.ppk')
        Copy-Item (PuttygenKey 'rsa-2048' 'p1' 'version=2') (Join-Path $dir 'b.ppk')
        $out = Get-ChildItem (Join-Path $dir '*.ppk') | Convert-PpkKey -Passphrase (Secure 'p1') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
        @($out).Count | Should -Be 2
        @($out.Path | ForEach-Object { Split-Path -Leaf $_ }) | Should -Be @('id_ed25519', 'id_rsa')
        (Join-Path $dir 'a.ppk') | Convert-PpkKey -Passphrase (Secure 'p1') -Destination (Join-Path $Box.Ssh 'second') | Should -Not -BeNullOrEmpty
    }

    It '-WhatIf checks and writes nothing' {
        $src = PuttygenKey 'ed25519' 'pw' 'memory=64,passes=1'
        Invoke-WithoutHost { param($Src, $Ssh) Convert-PpkKey $Src -SshDirectory $Ssh -WhatIf } @{ Src = $src; Ssh = $Box.Ssh } | Should -BeNullOrEmpty
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'never overwrites without -Force (KeyFileExists); -Force keeps .bak' {
        $src = PuttygenKey 'ed25519' 'pw' 'memory=64,passes=1'
        Set-Content (Join-Path $Box.Ssh 'id_ed25519') 'registered key'
        { Convert-PpkKey $src -Passphrase (Secure 'pw') -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "KeyFileExists$Id"
        Get-Content (Join-Path $Box.Ssh 'id_ed25519') | Should -Be 'registered key'
        $k = Convert-PpkKey $src -Passphrase (Secure 'pw') -SshDirectory $Box.Ssh -Force
        Get-Content "$($k.Path).bak" | Should -Be 'registered key'
        @($k.BackupPaths) | Should -Be @("$($k.Path).bak")
    }

    It 'shows Argon2 progress' {
        # Fixed passes: puttygen's default is "as many as 100 ms allow", fewer on a loaded machine.
        $src = PuttygenKey 'ed25519' 'pw' 'memory=1024,passes=4'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-TestModulePath)'; Convert-PpkKey '$src' -Passphrase (ConvertTo-SecureString 'pw' -AsPlainText -Force) -SshDirectory '$($Box.Ssh)'")
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $result[0].Encrypted | Should -BeTrue
            @($ps.Streams.Progress | Where-Object StatusDescription -like '*Argon2*').Count | Should -BeGreaterThan 10
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Convert-PpkKey turns OpenSSH keys into PPK files puttygen reads' -Skip:$NoTools {
    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It '<Type> key: puttygen -L --old-passphrase equals the source .pub, and puttygen can decrypt it' -ForEach @(
        @{ Type = 'ed25519'; Extra = @() }
        @{ Type = 'rsa'; Extra = @('-b', '2048') }
        @{ Type = 'ecdsa'; Extra = @('-b', '521') }
    ) {
        $src = Join-Path $Box.Ssh "id_$Type"
        ssh-keygen -q -t $Type @Extra -N 'ssh pass' -a 2 -C 'made by ssh-keygen' -f $src
        $k = Convert-PpkKey $src -Passphrase (Secure 'ssh pass') -NewPassphrase (Secure 'ppk pass') -WarningAction SilentlyContinue
        $k.Path | Should -Be "$src.ppk"
        (Get-Content -TotalCount 1 $k.Path) | Should -Be "PuTTY-User-Key-File-3: $((Get-Content "$src.pub") -split ' ' | Select-Object -First 1)"
        (puttygen -L $k.Path --old-passphrase (PassFile 'ppk pass')).Trim() | Should -Be (Get-Content "$src.pub").Trim()
        $check = Join-Path $Box.Home 'check'
        puttygen $k.Path --old-passphrase (PassFile 'ppk pass') -O private-openssh-new -o $check --new-passphrase (PassFile '')
        $LASTEXITCODE | Should -Be 0
        KeyPart (ssh-keygen -y -f $check) | Should -Be (KeyPart (Get-Content "$src.pub"))
    }
}

Describe 'Convert-PpkKey errors: one ErrorId each, the file named, nothing written' {
    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach {
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It '<ErrorId>: <Case>' -ForEach @(
        @{ ErrorId = 'NotAPpkFile'; Case = 'empty file'; Make = { $f = Join-Path $Work 'empty.ppk'; Set-Content $f -Value $null -NoNewline; $f } }
        @{ ErrorId = 'NotAPpkFile'; Case = 'random bytes'; Make = { $f = Join-Path $Work 'random.ppk'; $b = [byte[]]::new(2048); [Random]::new(1).NextBytes($b); [IO.File]::WriteAllBytes($f, $b); $f } }
        @{ ErrorId = 'PpkUnsupportedVersion'; Case = 'version 4'; Make = { CraftedPpk @{ 'PuTTY-User-Key-File-3' = 'PuTTY-User-Key-File-4' } } }
        @{ ErrorId = 'PpkUnsupportedEncryption'; Case = 'aes128-ctr'; Make = { CraftedPpk @{ 'Encryption: aes256-cbc' = 'Encryption: aes128-ctr' } } }
        @{ ErrorId = 'PpkUnsupportedEncryption'; Case = 'scrypt'; Make = { CraftedPpk @{ 'Key-Derivation: Argon2id' = 'Key-Derivation: scrypt' } } }
        @{ ErrorId = 'PpkKdfTooExpensive'; Case = '4 GiB of Argon2 memory'; Make = { CraftedPpk @{ 'Argon2-Memory: 8192' = 'Argon2-Memory: 4194304' } } }
        @{ ErrorId = 'PpkKdfTooExpensive'; Case = 'four billion passes'; Make = { CraftedPpk @{ 'Argon2-Passes: 1' = 'Argon2-Passes: 4000000000' } } }
        @{ ErrorId = 'PpkCorrupt'; Case = 'bad base64'; Make = { CraftedPpk @{ 'AAAAC3Nza' = 'AAAAC3N*a' } } }
        @{ ErrorId = 'PpkCorrupt'; Case = 'wrong line count'; Make = { CraftedPpk @{ 'Public-Lines: 2' = 'Public-Lines: 3' } } }
        @{ ErrorId = 'PpkCorrupt'; Case = 'truncated'; Make = { $f = CraftedPpk; $t = Get-Content -Raw $f; [IO.File]::WriteAllText($f, $t.Substring(0, 200)); $f } }
        @{ ErrorId = 'KeyTypeUnsupported'; Case = 'ssh-ed448'; Make = { CraftedPpk @{ 'File-3: ssh-ed25519' = 'File-3: ssh-ed448' } } }
        @{ ErrorId = 'KeyTypeRefused'; Case = 'ssh-dss'; Make = {
                $dss = [byte[]](0, 0, 0, 7) + [Text.Encoding]::ASCII.GetBytes('ssh-dss') + [byte[]](0, 0, 0, 1, 7) * 4
                CraftedPpk @{ 'File-3: ssh-ed25519' = 'File-3: ssh-dss' } $dss } }
        @{ ErrorId = 'KeyFileNotFound'; Case = 'missing file'; Make = { Join-Path $Work 'no-such.ppk' } }
    ) {
        $file = & $Make
        $err = $null
        Convert-PpkKey $file -Passphrase (Secure 'x') -SshDirectory $Box.Ssh -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId$Id"
        $err[0].TargetObject | Should -Be $file
        $err[0].Exception.Message | Should -BeLike "*$file*"
    }

    It 'PpkWrongPassphrase for a puttygen file opened with the wrong passphrase' -Skip:$NoTools {
        $src = PuttygenKey 'ed25519' 'right' 'memory=64,passes=1'
        { Convert-PpkKey $src -Passphrase (Secure 'wrong') -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "PpkWrongPassphrase$Id"
    }

    It 'PpkCorrupt for a puttygen file whose comment was edited (MAC mismatch)' -Skip:$NoTools {
        $src = PuttygenKey 'ed25519' '' ''
        (Get-Content -Raw $src) -replace 'Comment: .*', 'Comment: edited by hand' | Set-Content -NoNewline $src
        { Convert-PpkKey $src -NoPassphrase -SshDirectory $Box.Ssh -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId "PpkCorrupt$Id"
    }

    It 'PassphraseRequired instead of waiting when no one can type' -Skip:$NoTools {
        $src = PuttygenKey 'ed25519' 'pw' 'memory=64,passes=1'
        $r = Invoke-FreshPwsh -Interactive -TimeoutSec 60 -Command "Import-Module '$(Get-TestModulePath)'; try { Convert-PpkKey '$src' -SshDirectory '$($Box.Ssh)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $r.TimedOut | Should -BeFalse
        $r.Output | Should -Match "PassphraseRequired$Id"
    }
}

Describe 'Convert-PpkKey -AddToAgent' -Skip:$NoAgent {
    BeforeAll {
        $script:AgentDir = (New-TestSandbox).Home
        $script:Socket = Join-Path $AgentDir 'agent.sock'
        $started = ssh-agent -s -a $Socket
        $script:AgentPid = [int](($started -join ' ') -replace '.*SSH_AGENT_PID=(\d+).*', '$1')
        $script:SavedSock = $env:SSH_AUTH_SOCK
    }
    AfterAll {
        $env:SSH_AUTH_SOCK = $SavedSock
        Stop-Process -Id $AgentPid -ErrorAction Ignore
        Remove-Item -Recurse -Force $AgentDir -ErrorAction Ignore
    }
    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'adds the converted key to a real ssh-agent' {
        $env:SSH_AUTH_SOCK = $Socket
        $src = PuttygenKey 'ed25519' 'pw' 'memory=64,passes=1'
        $k = Convert-PpkKey $src -Passphrase (Secure 'pw') -SshDirectory $Box.Ssh -AddToAgent -WarningVariable w -InformationVariable said 6>$null
        $w | Should -BeNullOrEmpty
        @(ssh-add -L) | Should -Contain (puttygen -L $src).Trim()
        $k.Path | Should -Exist
        ($said -join ' ') | Should -Match ([regex]::Escape("Added '$($k.Path)' ($($k.Fingerprint)) to the OpenSSH ssh-agent at '$Socket'"))
    }

    It 'without an agent: converts anyway and warns how to start one' -Skip:(Test-Skip -UnixOnly) {
        $env:SSH_AUTH_SOCK = $null
        $src = PuttygenKey 'ed25519' 'pw' 'memory=64,passes=1'
        $k = Convert-PpkKey $src -Passphrase (Secure 'pw') -SshDirectory $Box.Ssh -AddToAgent -WarningVariable w -WarningAction SilentlyContinue
        $k.Path | Should -Exist
        ($w -join ' ') | Should -Match 'SSH_AUTH_SOCK is not set'
        ($w -join ' ') | Should -Match ([regex]::Escape('$env:SSH_AUTH_SOCK = "$HOME/.ssh/agent.sock"'))
        ($w -join ' ') | Should -Not -Match 'eval'
    }
}
