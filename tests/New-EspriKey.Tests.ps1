# New-EspriKey: keys indistinguishable from ssh-keygen's, written by the site's rules.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoKeygen = Test-Skip -Tool ssh-keygen
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Id = ',EspriSsh.Commands.NewEspriKeyCommand'
    function script:Secure([string] $s) { ConvertTo-SecureString $s -AsPlainText -Force }
    # Type and base64 of a public line (the comment is not part of the key).
    function script:KeyPart([string] $line) { ($line.Trim() -split ' ')[0..1] -join ' ' }
}

Describe 'New-EspriKey makes keys ssh-keygen agrees with' -Skip:$NoKeygen {
    # Each test's $box (BeforeEach, It and AfterEach share one scope).
    AfterEach { if ($box) { Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore } }

    It '<Type> key, passphrase "<Pass>": ssh-keygen -y, -l and -lv agree, private file 0600' -ForEach @(
        @{ Type = 'Ed25519'; Pass = 'correct horse' }
        @{ Type = 'Ed25519'; Pass = '' }
        @{ Type = 'Rsa'; Pass = 'rsa pass' }
        @{ Type = 'Rsa'; Pass = '' }
    ) {
        $box = New-TestSandbox
        $params = @{ Type = $Type; SshDirectory = $box.Ssh; Rounds = 2; Comment = 'me@test' }
        if ($Pass) { $params.Passphrase = Secure $Pass } else { $params.NoPassphrase = $true }
        $k = New-EspriKey @params -WarningAction SilentlyContinue
        $k.PSObject.TypeNames[0] | Should -Be 'EspriSsh.KeyInfo'
        $k.Path | Should -Be (Join-Path $box.Ssh $(if ($Type -eq 'Rsa') { 'id_rsa' } else { 'id_ed25519' }))
        $k.Encrypted | Should -Be ([bool]$Pass)
        $k.Bits | Should -Be $(if ($Type -eq 'Rsa') { 4096 } else { 256 })

        $derived = ssh-keygen -y -P $Pass -f $k.Path
        $LASTEXITCODE | Should -Be 0
        KeyPart $derived | Should -Be (KeyPart (Get-Content $k.PublicKeyPath))
        (Get-Content $k.PublicKeyPath) | Should -Be $k.PublicKey
        $k.PublicKey | Should -BeLike '* me@test'

        $listing = ssh-keygen -lv -f $k.PublicKeyPath
        $LASTEXITCODE | Should -Be 0
        ($listing[0] -split ' ')[1] | Should -Be $k.Fingerprint
        ($listing | Select-Object -Skip 1) -join "`n" | Should -BeExactly $k.RandomArt
        $k.RandomArt | Should -Match '^\+---?-?\[(ED25519 256|RSA 4096)\]'

        if (-not $IsWindows) {
            Get-UnixMode $k.Path | Should -Be '600'
            Get-UnixMode $box.Ssh | Should -Be '700'
        }
    }

    It 'a wrong passphrase on read is KeyWrongPassphrase, and ssh-keygen refuses it too' {
        $box = New-TestSandbox
        $k = New-EspriKey -SshDirectory $box.Ssh -Passphrase (Secure 'right one') -Rounds 2
        ssh-keygen -y -P 'wrong one' -f $k.Path 2>$null | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        $reader = $k.GetType().Assembly.GetType('EspriSsh.Core.Keys.PrivateKeyFileReader')
        $caught = $null
        try { $reader::ReadFile($k.Path, [Text.Encoding]::UTF8.GetBytes('wrong one')) } catch { $caught = $_.Exception.InnerException }
        $caught.ErrorId | Should -Be 'KeyWrongPassphrase'
        $reader::ReadFile($k.Path, [Text.Encoding]::UTF8.GetBytes('right one')).Key.PublicKey.ToLine() | Should -Be $k.PublicKey
    }

    It 'keeps the private file owner-only even with a permissive umask (never wider on disk)' -Skip:(Test-Skip -UnixOnly) {
        $box = New-TestSandbox
        $dir = Join-Path $box.Home 'fresh/.ssh'
        $cmd = (Get-PwshCommand | ForEach-Object { "'$_'" }) -join ' '
        $script = "Import-Module '$(Get-TestModulePath)'; New-EspriKey -SshDirectory '$dir' -NoPassphrase -WarningAction SilentlyContinue | Out-Null"
        sh -c "umask 000; $cmd -NoProfile -NonInteractive -Command `"$script`"" | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-UnixMode (Join-Path $dir 'id_ed25519') | Should -Be '600'
        Get-UnixMode $dir | Should -Be '700'
        @(Get-ChildItem $dir -Force).Name | Should -Be @('id_ed25519', 'id_ed25519.pub')
    }
}

Describe 'New-EspriKey follows the site rules' {
    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'refuses <Case> with KeyTypeRefused and writes nothing' -ForEach @(
        @{ Case = 'DSA'; Params = @{ Type = 'Dsa' } }
        @{ Case = 'ECDSA'; Params = @{ Type = 'Ecdsa' } }
        @{ Case = 'RSA-2048'; Params = @{ Type = 'Rsa'; Bits = 2048 } }
    ) {
        { New-EspriKey @Params -SshDirectory $Box.Ssh -NoPassphrase -ErrorAction Stop } | Should -Throw -ErrorId "KeyTypeRefused$Id"
        $err = $null
        New-EspriKey @Params -SshDirectory $Box.Ssh -NoPassphrase -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match 'ED25519'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'makes RSA 4096 with a warning that ED25519 is preferred' {
        $warnings = $null
        $k = New-EspriKey -Type Rsa -SshDirectory $Box.Ssh -Passphrase (Secure 'pw pw pw') -Rounds 1 -WarningVariable warnings -WarningAction SilentlyContinue
        $k.Bits | Should -Be 4096
        $k.Type | Should -Be 'ssh-rsa'
        ($warnings -join ' ') | Should -Match 'June 2024'
        ($warnings -join ' ') | Should -Match 'ED25519'
    }

    It 'makes ED25519 silently at the default path with the user@host comment' {
        $warnings = $null
        $k = New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'pw pw pw') -Rounds 1 -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $k.Path | Should -Be (Join-Path $Box.Ssh 'id_ed25519')
        $k.Comment | Should -Be ("{0}@{1}" -f [Environment]::UserName, [System.Net.Dns]::GetHostName())
    }

    It 'writes to ESPRISSH_HOME/.ssh by default and creates it 0700' {
        $r = Invoke-FreshPwsh -Command "Import-Module '$(Get-TestModulePath)'; (New-EspriKey -Passphrase (ConvertTo-SecureString 'x y z' -AsPlainText -Force) -Rounds 1).Path" -Environment @{ ESPRISSH_HOME = (Join-Path $Box.Home 'other') }
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output.Trim() | Should -Be (Join-Path $Box.Home 'other/.ssh/id_ed25519')
        if (-not $IsWindows) { Get-UnixMode (Join-Path $Box.Home 'other/.ssh') | Should -Be '700' }
    }

    It 'never overwrites an existing <File> without -Force (KeyFileExists)' -ForEach @(
        @{ File = 'id_ed25519' }
        @{ File = 'id_ed25519.pub' }
    ) {
        $existing = Join-Path $Box.Ssh $File
        Set-Content $existing 'registered key'
        { New-EspriKey -SshDirectory $Box.Ssh -NoPassphrase -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId "KeyFileExists$Id"
        $err = $null
        New-EspriKey -SshDirectory $Box.Ssh -NoPassphrase -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].TargetObject | Should -Be $existing
        $err[0].Exception.Message | Should -Match 'locks you out'
        Get-Content $existing | Should -Be 'registered key'
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 1
    }

    It 'replaces with -Force after keeping the old pair as .bak' {
        $old = New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'old pass') -Rounds 1
        $oldPrivate = Get-Content -Raw $old.Path
        $new = New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'new pass') -Rounds 1 -Force
        $new.PublicKey | Should -Not -Be $old.PublicKey
        Get-Content -Raw "$($old.Path).bak" | Should -Be $oldPrivate
        Get-Content "$($old.PublicKeyPath).bak" | Should -Be $old.PublicKey
        @($new.BackupPaths) | Should -Be @("$($old.Path).bak", "$($old.PublicKeyPath).bak")
        if (-not $IsWindows) { Get-UnixMode "$($old.Path).bak" | Should -Be '600' }
    }

    It '-WhatIf writes nothing and asks nothing' {
        $out = Invoke-WithoutHost { param($Ssh) New-EspriKey -SshDirectory $Ssh -WhatIf } @{ Ssh = (Join-Path $Box.Home 'not-yet') }
        $out | Should -BeNullOrEmpty
        Join-Path $Box.Home 'not-yet' | Should -Not -Exist
    }

    It 'fails with PassphraseRequired instead of waiting when no one can type (<How>)' -ForEach @(
        @{ How = 'this -NonInteractive session' }
        @{ How = 'a fresh process with stdin redirected' }
    ) {
        if ($How -like 'this*') {
            { New-EspriKey -SshDirectory $Box.Ssh -ErrorAction Stop } | Should -Throw -ErrorId "PassphraseRequired$Id"
        }
        else {
            $r = Invoke-FreshPwsh -Interactive -TimeoutSec 30 -Command "Import-Module '$(Get-TestModulePath)'; try { New-EspriKey -SshDirectory '$($Box.Ssh)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
            $r.TimedOut | Should -BeFalse
            $r.Output | Should -Match "PassphraseRequired$Id"
        }
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'takes no more bcrypt rounds than EspriSsh reads back (-Rounds 501: a file it would refuse as KdfTooExpensive)' {
        { New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'x y z') -Rounds 501 } | Should -Throw -ErrorId "ParameterArgumentValidationError$Id"
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It 'does not take -Passphrase and -NoPassphrase together' {
        { New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'x y z') -NoPassphrase } | Should -Throw -ErrorId "AmbiguousParameterSet$Id"
        @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
    }

    It '-NoPassphrase writes an unencrypted key with a warning' {
        $warnings = $null
        $k = New-EspriKey -SshDirectory $Box.Ssh -NoPassphrase -WarningVariable warnings -WarningAction SilentlyContinue
        $k.Encrypted | Should -BeFalse
        ($warnings -join ' ') | Should -Match 'no passphrase'
        Get-Content -Raw $k.Path | Should -Match '^-----BEGIN OPENSSH PRIVATE KEY-----'
    }

    It 'shows the public line on a line of its own, with the fingerprint' {
        $k = New-EspriKey -SshDirectory $Box.Ssh -Passphrase (Secure 'pw pw pw') -Rounds 1 -Comment 'c'
        $text = $k | Out-String -Width 500
        ($text -split "`r?`n") | Should -Contain $k.PublicKey
        $text | Should -Match ([regex]::Escape("Fingerprint : $($k.Fingerprint)"))
        $text | Should -Match '\+--\[ED25519 256\]--\+'
    }

    It 'reports progress while many rounds run' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-TestModulePath)'; New-EspriKey -SshDirectory '$($Box.Ssh)' -Passphrase (ConvertTo-SecureString 'pw pw' -AsPlainText -Force) -Rounds 64")
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $result[0].Encrypted | Should -BeTrue
            @($ps.Streams.Progress | Where-Object StatusDescription -like 'Protecting*').Count | Should -BeGreaterThan 10
        }
        finally { $ps.Dispose() }
    }
}
