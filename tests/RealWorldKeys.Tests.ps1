# Issue 16: key files as they come from the real world (certificates, PKCS#8, new key types, files
# copied through Windows or a web page), through every cmdlet that reads keys. ssh-keygen, openssl and
# puttygen are the judges; the unusual files come from our corpus (tests/EspriSsh.Core.Tests/Keys/Corpus).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:Missing = @('ssh-keygen', 'openssl', 'puttygen') | Where-Object { -not (Test-Tool $_) }
}

Describe 'Real-world key files' -Skip:([bool]$Missing) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $env:ESPRISSH_NONINTERACTIVE = '1'
        $script:Corpus = Join-Path $PSScriptRoot 'EspriSsh.Core.Tests/Keys/Corpus/files'
        function script:Secure([string] $s) { ConvertTo-SecureString $s -AsPlainText -Force }
        function script:KeyPart([string] $line) { ($line.Trim() -split ' ')[0..1] -join ' ' }
        # A corpus file copied into a fresh folder, 0600 as ssh-keygen wants it.
        function script:FromCorpus([string] $Name, [string] $Folder) {
            $copy = Join-Path $Folder $Name
            Copy-Item (Join-Path $Corpus $Name) $copy
            if (-not $IsWindows) { chmod 600 $copy }
            $copy
        }
        # The ErrorRecord a command reports (its non-terminating error made terminating and caught).
        function script:ErrorIdOf([scriptblock] $Command) {
            $ErrorActionPreference = 'Stop'
            try { $null = & $Command; $null } catch { $_ }
        }
    }

    BeforeEach { $script:Box = New-TestSandbox }
    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }
    AfterAll { Remove-Item Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore }

    Context 'Install-EspriKey writes what OpenSSH loads' {
        It 'a key <Case>: ssh-keygen fails on the source, reads the installed copy; only the text form changed' -ForEach @(
            @{ Case = 'without a final newline'; Name = 'go_ed25519-no-final-newline' }
            @{ Case = 'with CR line ends'; Name = 'go_ed25519-crlf' }
            @{ Case = 'with a byte-order mark'; Name = 'go_ed25519-bom' }
        ) {
            $source = FromCorpus $Name $Box.Home
            ssh-keygen -y -f $source 2>&1 | Out-String | Should -Match 'error in libcrypto'
            $k = Install-EspriKey -Path $source -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
            KeyPart (ssh-keygen -y -f $k.Path) | Should -Be (KeyPart (ssh-keygen -y -f (FromCorpus 'go_ed25519' $Box.Home)))
            $expected = ([IO.File]::ReadAllText($source).TrimStart([char]0xFEFF) -replace "`r", '').TrimEnd("`n") + "`n"
            [IO.File]::ReadAllText($k.Path) | Should -BeExactly $expected
        }

        It 'Get-EspriKey says such a key cannot be loaded, and its fix rewrites it in place with a .bak' {
            $key = FromCorpus 'go_ed25519-crlf' $Box.Ssh
            ssh-keygen -y -f (FromCorpus 'go_ed25519' $Box.Home) | Set-Content "$key.pub"
            $problem = (Get-EspriKey -Path $key).Problems | Where-Object { $_ -match 'cannot load it' }
            $problem | Should -Match 'Install-EspriKey'
            $fix = $problem -replace '^.*: (Install-EspriKey .*)$', '$1'
            $null = Invoke-Expression "$fix -WarningAction SilentlyContinue"
            ssh-keygen -y -f $key | Should -Match '^ssh-ed25519 '
            (Get-FileHash "$key.bak").Hash | Should -Be (Get-FileHash (Join-Path $Corpus 'go_ed25519-crlf')).Hash
        }

        It 'a wrong -Passphrase for a key copied as is: KeyWrongPassphrase, nothing written' {
            $source = FromCorpus 'ed25519_1_pw' $Box.Home
            (ErrorIdOf { Install-EspriKey -Path $source -Passphrase (Secure 'not it') -SshDirectory $Box.Ssh }).FullyQualifiedErrorId |
                Should -Be 'KeyWrongPassphrase,EspriSsh.Commands.InstallEspriKeyCommand'
            @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
        }

        It 'the comment comes from the decrypted key when the source has no .pub' {
            $source = FromCorpus 'ed25519_1_pw' $Box.Home
            $k = Install-EspriKey -Path $source -Passphrase (Secure 'mekmitasdigoat') -SshDirectory $Box.Ssh
            $k.Comment | Should -Be 'ED25519 test key #1'
            (Get-Content $k.PublicKeyPath) -split ' ', 3 | Select-Object -Last 1 | Should -Be 'ED25519 test key #1'
            KeyPart (Get-Content $k.PublicKeyPath) | Should -Be (KeyPart (ssh-keygen -y -P 'mekmitasdigoat' -f $k.Path))
        }

        It 'an encrypted PKCS#8 key (<Name>) becomes an OpenSSH key with the public key openssl sees' -ForEach @(
            @{ Name = 'pk8_enc-rsa-pkcs8.pem' }
            @{ Name = 'pk8_enc-rsa-3des.pem' }
            @{ Name = 'pk8_ed25519-encrypted.pem' }
        ) {
            $source = FromCorpus $Name $Box.Home
            $k = Install-EspriKey -Path $source -Passphrase (Secure 'pkcs8pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
            (Get-Content $k.Path -First 1) | Should -Be '-----BEGIN OPENSSH PRIVATE KEY-----'
            $installed = ssh-keygen -y -P 'pkcs8pass' -f $k.Path
            $LASTEXITCODE | Should -Be 0
            # openssl's public key, in SSH form: ssh-keygen imports RSA; an Ed25519 key is its last 32 bytes.
            $pem = Join-Path $Box.Home 'public.pem'
            openssl pkey -in $source -passin pass:pkcs8pass -pubout -out $pem
            $expected = ssh-keygen -i -m PKCS8 -f $pem 2>$null
            if ($LASTEXITCODE -ne 0) {
                openssl pkey -pubin -in $pem -outform DER -out "$pem.der"
                $point = [IO.File]::ReadAllBytes("$pem.der")[-32..-1]
                $expected = 'ssh-ed25519 ' + [Convert]::ToBase64String([byte[]](0, 0, 0, 11) + [Text.Encoding]::ASCII.GetBytes('ssh-ed25519') + [byte[]](0, 0, 0, 32) + $point)
            }

            KeyPart $installed | Should -Be (KeyPart $expected)
        }

        It 'an RSA key under 1024 bits is KeyTooSmall, as ssh-keygen refuses it' {
            $source = FromCorpus 'rsa_768.pem' $Box.Home
            ssh-keygen -y -f $source 2>&1 | Out-String | Should -Match 'Invalid key length|invalid format|error'
            (ErrorIdOf { Install-EspriKey -Path $source -SshDirectory $Box.Ssh }).FullyQualifiedErrorId | Should -Be 'KeyTooSmall,EspriSsh.Commands.InstallEspriKeyCommand'
            (ErrorIdOf { Convert-PpkKey -Path $source -SshDirectory $Box.Ssh -NoPassphrase }).FullyQualifiedErrorId | Should -Be 'KeyTooSmall,EspriSsh.Commands.ConvertPpkKeyCommand'
            @(Get-ChildItem $Box.Ssh).Count | Should -Be 0
        }

        It 'a missing .pub is written in place (Install-EspriKey -Path k -Destination k), the key untouched' {
            $key = FromCorpus 'ed25519_1_pw' $Box.Ssh
            $before = (Get-FileHash $key).Hash
            $k = Install-EspriKey -Path $key -Destination $key
            (Get-FileHash $key).Hash | Should -Be $before
            KeyPart (Get-Content "$key.pub") | Should -Be (KeyPart (ssh-keygen -y -P 'mekmitasdigoat' -f $key))
            $k.Path | Should -Be $key
        }
    }

    Context 'types and encryptions EspriSsh does not use' {
        It 'Ed448: the message names Ed448 and sends nobody to ssh-keygen (<Name>)' -ForEach @(
            @{ Name = 'pm_ed448.key'; Cmd = 'Install' }
            @{ Name = 'putty_ed448.ppk'; Cmd = 'Convert' }
        ) {
            $source = FromCorpus $Name $Box.Home
            $err = if ($Cmd -eq 'Install') { ErrorIdOf { Install-EspriKey -Path $source -SshDirectory $Box.Ssh } }
                   else { ErrorIdOf { Convert-PpkKey -Path $source -Passphrase (Secure 'correct horse battery staple') -SshDirectory $Box.Ssh } }
            $err.FullyQualifiedErrorId | Should -BeLike 'KeyTypeUnsupported,*'
            $err.Exception.Message | Should -Match 'Ed448'
            $err.Exception.Message | Should -Not -Match 'ssh-keygen'
        }

        It '<Name> to .ppk: the PPK format cannot hold it (and puttygen cannot either)' -ForEach @(
            @{ Name = 'a security key'; File = 'ed25519_sk1' }
            @{ Name = 'an ML-DSA hybrid key'; File = 'mldsa44_ed25519_1' }
        ) {
            $source = FromCorpus $File $Box.Home
            $err = ErrorIdOf { Convert-PpkKey -Path $source -OutputFormat Ppk -NoPassphrase -Destination (Join-Path $Box.Home "$File.ppk") }
            $err.FullyQualifiedErrorId | Should -Be 'KeyTypeUnsupported,EspriSsh.Commands.ConvertPpkKeyCommand'
            $err.Exception.Message | Should -Match 'PuTTY key format \(\.ppk\) cannot hold'
            $err.Exception.Message | Should -Not -Match 'EspriSsh cannot read'
            puttygen $source -o (Join-Path $Box.Home "by-puttygen-$File.ppk") 2>&1 | Out-Null
            $LASTEXITCODE | Should -Not -Be 0
            Test-Path (Join-Path $Box.Home "$File.ppk") | Should -BeFalse
        }

        It 'PBES1 (MD5 and DES): KeyEncryptionUnsupported, with a re-encryption into a new file that works' {
            $source = FromCorpus 'pk8_rsa-pbewithmd5anddescbc.pem' $Box.Home
            $err = ErrorIdOf { Install-EspriKey -Path $source -Passphrase (Secure 'pkcs8pass') -SshDirectory $Box.Ssh }
            $err.FullyQualifiedErrorId | Should -Be 'KeyEncryptionUnsupported,EspriSsh.Commands.InstallEspriKeyCommand'
            $fix = $err.Exception.Message -replace '^.*: (openssl .*)$', '$1'
            $fix | Should -Match "-out '.*-aes\.pem'$"
            Invoke-Expression "$fix -passin pass:pkcs8pass -passout pass:pkcs8pass" 2>$null
            $k = Install-EspriKey -Path "$source-aes.pem" -Passphrase (Secure 'pkcs8pass') -SshDirectory $Box.Ssh -WarningAction SilentlyContinue
            ssh-keygen -y -P 'pkcs8pass' -f $k.Path | Should -Match '^ssh-rsa '
        }

        It 'bcrypt rounds over the cap: KdfTooExpensive at once, without asking for the passphrase' {
            $source = FromCorpus 'bcrypt_2147483647_rounds' $Box.Home
            $r = Invoke-FreshPwsh -TimeoutSec 60 -Command "Import-Module '$(Get-TestModulePath)'; try { Convert-PpkKey -Path '$source' -OutputFormat Ppk -NoPassphrase -Destination '$($Box.Home)/x.ppk' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
            $r.TimedOut | Should -BeFalse
            $r.Output | Should -Match 'KdfTooExpensive,EspriSsh.Commands.ConvertPpkKeyCommand'
        }
    }

    Context 'Get-EspriKey and Test-EspriPublicKey' {
        It 'a certificate is listed as a certificate right after its key, as ssh-keygen -L reads it' {
            $key = FromCorpus 'pm_ed25519.key' $Box.Ssh
            Copy-Item (Join-Path $Corpus 'pm_ed25519.key.pub') "$key.pub"
            Copy-Item (Join-Path $Corpus 'pm_ed25519.key-cert.pub') "$key-cert.pub"
            $entries = @(Get-EspriKey -SshDirectory $Box.Ssh)
            $entries.Kind | Should -Be @('Private', 'Certificate')
            $cert = $entries[1]
            $cert.Fingerprint | Should -Be $entries[0].Fingerprint
            $cert.Fingerprint | Should -Be (Get-SshKeygenFacts "$key-cert.pub").Fingerprint
            $listing = ssh-keygen -L -f "$key-cert.pub" | Out-String
            $listing | Should -Match ('Key ID: "{0}"' -f $cert.Certificate.KeyId)
            $listing | Should -Match ([regex]::Escape($cert.Certificate.CaFingerprint))
            $cert.Certificate.Principals | Should -Be @('paramiko')
            $cert.Problems | Should -BeNullOrEmpty
        }

        It 'an expired certificate and one without its key are problems' {
            Copy-Item (Join-Path $Corpus 'rsa_1-cert.pub') $Box.Ssh
            $cert = Get-EspriKey -SshDirectory $Box.Ssh | Where-Object Kind -eq 'Certificate'
            ($cert.Problems -join ' ') | Should -Match 'expired on 2011-01-01'
            ($cert.Problems -join ' ') | Should -Match 'not next to it'
        }

        It '<Name>: its type named, no advice that EspriSsh would then refuse, its certificate not called damaged' -ForEach @(
            @{ Name = 'an ML-DSA hybrid key'; File = 'mldsa44_ed25519_1'; Type = 'ssh-mldsa44-ed25519@openssh.com' }
            @{ Name = 'a security key'; File = 'ed25519_sk1'; Type = 'sk-ssh-ed25519@openssh.com' }
        ) {
            $key = Join-Path $Box.Ssh 'id_other'
            Copy-Item (Join-Path $Corpus $File) $key
            if (-not $IsWindows) { chmod 600 $key }
            Copy-Item (Join-Path $Corpus "$File.pub") "$key.pub"
            Copy-Item (Join-Path $Corpus "$File-cert.pub") "$key-cert.pub"
            $entries = @(Get-EspriKey -SshDirectory $Box.Ssh)
            $private = $entries | Where-Object Kind -eq 'Private'
            $private.Type | Should -Be $Type
            $private.SitePolicy | Should -Be 'Refused'
            ($private.Problems -join ' ') | Should -Match ([regex]::Escape("It holds a "))
            ($private.Problems -join ' ') | Should -Not -Match 'Install-EspriKey'
            $err = ErrorIdOf { Install-EspriKey -Path $key -Destination (Join-Path $Box.Home 'copy') }
            $err.FullyQualifiedErrorId | Should -Be 'KeyTypeUnsupported,EspriSsh.Commands.InstallEspriKeyCommand' -Because 'the advice it is not given would fail'
            (($entries | Where-Object Kind -eq 'Certificate').Problems -join ' ') | Should -Not -Match 'damaged'
        }

        It 'a DSA key (<Name>) is not installed, as it is not converted: KeyTypeRefused before any passphrase, nothing written' -ForEach @(
            @{ Name = 'openssh_new_dsa' }
            @{ Name = 'openssh_old_dsa_enc' }
        ) {
            $destination = Join-Path $Box.Home 'copy'
            $err = ErrorIdOf { Install-EspriKey -Path (FromCorpus $Name $Box.Ssh) -Destination $destination }
            $err.FullyQualifiedErrorId | Should -Be 'KeyTypeRefused,EspriSsh.Commands.InstallEspriKeyCommand'
            $err.Exception.Message | Should -Match 'DSA'
            Test-Path $destination | Should -BeFalse
            Test-Path "$destination.pub" | Should -BeFalse
        }

        It 'an encrypted "<Label>" key tells its type and the site verdict before any passphrase' -ForEach @(
            @{ Label = 'DSA PRIVATE KEY'; Name = 'openssh_old_dsa_enc'; Type = 'ssh-dss'; Policy = 'Refused' }
            @{ Label = 'EC PRIVATE KEY'; Name = 'openssh_old_ecdsa_enc'; Type = 'ecdsa'; Policy = 'Refused' }
            @{ Label = 'RSA PRIVATE KEY'; Name = 'openssh_old_rsa_enc'; Type = 'ssh-rsa'; Policy = $null }
        ) {
            $e = Get-EspriKey -Path (FromCorpus $Name $Box.Ssh)
            $e.Encrypted | Should -BeTrue
            $e.Type | Should -Be $Type
            $e.SitePolicy | Should -Be $Policy
        }

        It 'a pasted certificate: the account form wants the .pub, whose line is extracted (ssh-keygen -l agrees)' {
            $check = Test-EspriPublicKey -Line (Get-Content -Raw (Join-Path $Corpus 'ed25519_1-cert.pub'))
            $check.Problems.Code | Should -Contain 'Certificate'
            ($check.Problems | Where-Object Code -eq 'Certificate').Message | Should -Match '\.pub'
            KeyPart $check.Normalized | Should -Be (KeyPart (Get-Content (Join-Path $Corpus 'ed25519_1.pub')))
            $check.Fingerprint | Should -Be (Get-SshKeygenFacts (Join-Path $Corpus 'ed25519_1-cert.pub')).Fingerprint
        }

        It 'an intact line of an unknown type is KeyTypeUnsupported naming it, not damaged base64 (ssh-keygen 9.2 cannot read it either)' {
            $file = Join-Path $Corpus 'mldsa44_ed25519_1.pub'
            ssh-keygen -l -f $file 2>&1 | Out-Null
            $LASTEXITCODE | Should -Not -Be 0
            $check = Test-EspriPublicKey -Path $file
            $check.Valid | Should -BeFalse
            $check.Problems.Code | Should -Be @('KeyTypeUnsupported')
            $check.Problems[0].Message | Should -Match 'ssh-mldsa44-ed25519@openssh.com'
            $check.Type | Should -Be 'ssh-mldsa44-ed25519@openssh.com'
            $e = Get-EspriKey -Path (FromCorpus 'mldsa44_ed25519_1.pub' $Box.Ssh)
            $e.Type | Should -Be 'ssh-mldsa44-ed25519@openssh.com'
            $e.SitePolicy | Should -Be 'Refused'
        }

        It 'an RSA line under 1024 bits is KeyTooSmall' {
            (Test-EspriPublicKey -Path (Join-Path $Corpus 'rsa_768.pem.pub')).Problems.Code | Should -Contain 'KeyTooSmall'
        }

        It 'a paste longer than 64 KiB is refused as TooLong, not parsed' {
            $check = Test-EspriPublicKey -Line ('ssh-ed25519 ' + ('A' * 70000))
            $check.Valid | Should -BeFalse
            $check.Problems.Code | Should -Be @('TooLong')
        }
    }
}
