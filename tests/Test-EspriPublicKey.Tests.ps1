# Real keys made by ssh-keygen and puttygen at test time, then mangled the way users mangle them.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoTools = Test-Skip -Tool ssh-keygen, puttygen
}

Describe 'Test-EspriPublicKey' -Skip:$NoTools {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:Box = New-TestSandbox
        function New-Key([string] $Name, [string[]] $KeygenArgs) {
            $path = Join-Path $Box.Ssh $Name
            ssh-keygen -q @KeygenArgs -N '' -C "$Name@test" -f $path | Out-Null
            $path
        }
        $script:Ed = New-Key 'ed' @('-t', 'ed25519')
        $script:EdLine = (Get-Content "$Ed.pub" -Raw).Trim()
        $script:EdFp = ((ssh-keygen -lf "$Ed.pub") -split ' ')[1]
        $script:Rsa4096 = New-Key 'rsa4096' @('-t', 'rsa', '-b', '4096')
        $script:Rsa2048 = New-Key 'rsa2048' @('-t', 'rsa', '-b', '2048')
        $script:Ecdsa = New-Key 'ecdsa' @('-t', 'ecdsa', '-b', '256')
        $script:Dsa = New-Key 'dsa' @('-t', 'dsa')
        $script:PemRsa = New-Key 'pem' @('-t', 'rsa', '-b', '2048', '-m', 'PEM')
        $script:Ppk = Join-Path $Box.Ssh 'putty.ppk'
        puttygen -q -t ed25519 -C 'putty key 2026' -o $Ppk --new-passphrase /dev/null 2>$null
        puttygen $Ppk -O public-openssh -o "$Ppk.openssh.pub" 2>$null
        $script:PpkOpenSshLine = (Get-Content "$Ppk.openssh.pub" -Raw).Trim()
        $PpkOpenSshLine | Should -Match '^ssh-ed25519 \S+ putty key 2026$'
        $script:PuttyPublicFile = Join-Path $Box.Ssh 'putty-public.txt'
        puttygen $Ppk -O public -o $PuttyPublicFile 2>$null
        $edFields = $EdLine -split ' '
        $script:EdType = $edFields[0]; $script:EdB64 = $edFields[1]
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'accepts a good ED25519 line as is, with ssh-keygen''s fingerprint' {
        $r = Test-EspriPublicKey $EdLine
        $r.PSObject.TypeNames[0] | Should -Be 'EspriSsh.PublicKeyCheck'
        $r.Valid | Should -BeTrue
        $r.Problems | Should -BeNullOrEmpty
        $r.Normalized | Should -BeExactly $EdLine
        $r.Fingerprint | Should -BeExactly $EdFp
        $r.Type | Should -Be 'ssh-ed25519'
        $r.Bits | Should -Be 256
    }

    It 'repairs <Case>' -ForEach @(
        @{ Case = 'a line wrapped at 64 columns'; Make = { $EdType + ' ' + (($EdB64 -split '(.{40})' | Where-Object { $_ }) -join "`n") + ' ' + ($EdLine -split ' ')[2] }; Code = 'Wrapped' }
        @{ Case = 'Windows line endings'; Make = { "$EdLine`r`n" }; Code = 'CarriageReturn' }
        @{ Case = 'quotes around the line'; Make = { "`"$EdLine`"" }; Code = 'Quotes' }
        @{ Case = 'typographic quotes from a word processor'; Make = { "`u{201C}$EdLine`u{201D}" }; Code = 'Quotes' }
        @{ Case = 'extra spaces and tabs'; Make = { "   $($EdLine -replace ' ', "  `t ")   " }; Code = 'ExtraWhitespace' }
        @{ Case = 'a missing type prefix'; Make = { "$EdB64 $(($EdLine -split ' ')[2])" }; Code = 'MissingType' }
    ) {
        $r = Test-EspriPublicKey (& $Make)
        $r.Valid | Should -BeTrue -Because ($r.Problems | Out-String)
        $r.Problems.Code | Should -Contain $Code
        ($r.Problems | Where-Object Code -eq $Code).Severity | Should -Be 'Repaired'
        $r.Normalized | Should -BeExactly $EdLine
        $r.Fingerprint | Should -BeExactly $EdFp
    }

    It 'converts the RFC 4716 block of ssh-keygen -e to the one-line form' {
        $block = ssh-keygen -e -f "$Ed.pub" | Out-String
        $r = Test-EspriPublicKey $block
        $r.Valid | Should -BeTrue
        $r.Problems.Code | Should -Contain 'Rfc4716Block'
        ($r.Normalized -split ' ')[0..1] -join ' ' | Should -BeExactly "$EdType $EdB64"
    }

    It 'converts PuTTYgen''s "Save public key" file, keeping its comment' {
        $r = Test-EspriPublicKey -Path $PuttyPublicFile
        $r.Valid | Should -BeTrue
        $r.Problems.Code | Should -Be @('Rfc4716Block')
        $r.Normalized | Should -BeExactly $PpkOpenSshLine
    }

    It 'extracts the public part of a .ppk given by mistake, with a warning' {
        $r = Test-EspriPublicKey -Path $Ppk -WarningVariable warnings 3>$null
        $r.Valid | Should -BeTrue
        $r.Problems.Code | Should -Contain 'PpkFile'
        $r.Normalized | Should -BeExactly $PpkOpenSshLine
        ($warnings -join ' ') | Should -Match 'never send the \.ppk'
    }

    It 'refuses a pasted <Case> loudly' -ForEach @(
        @{ Case = 'OpenSSH private key'; File = { $Ed } }
        @{ Case = 'PEM RSA private key'; File = { $PemRsa } }
    ) {
        $text = Get-Content (& $File) -Raw
        $r = Test-EspriPublicKey $text -WarningVariable warnings 3>$null
        $r.Valid | Should -BeFalse
        $r.Normalized | Should -BeNullOrEmpty
        $r.Problems.Code | Should -Contain 'PrivateKey'
        ($warnings -join ' ') | Should -Match 'PRIVATE KEY.*compromised'
        ($r | Out-String) | Should -Not -Match ([regex]::Escape(($text -split "`n")[1]))
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a truncated key'; Make = { "$EdType $($EdB64.Substring(0, $EdB64.Length - 12)) x@y" }; Code = 'BadBase64' }
        @{ Case = 'a damaged type name inside the key'; Make = { "$EdType $('AAAAC3NzaC1xZDI1' + $EdB64.Substring(16))" }; Code = 'BadBase64' }
        @{ Case = 'a prefix that disagrees with the key'; Make = { "ssh-rsa $EdB64 x@y" }; Code = 'TypeMismatch' }
        @{ Case = 'two keys at once'; Make = { "$EdLine`n$((Get-Content "$Rsa4096.pub" -Raw).Trim())" }; Code = 'MultipleKeys' }
        @{ Case = 'a damaged .ppk'; Make = { (Get-Content $Ppk -Raw) -replace 'Public-Lines: \d+', 'Public-Lines: 40' }; Code = 'PpkUnreadable' }
        @{ Case = 'an empty paste'; Make = { "  `n " }; Code = 'Empty' }
        @{ Case = 'a line without key data'; Make = { 'ssh-ed25519' }; Code = 'NoKeyData' }
    ) {
        $r = Test-EspriPublicKey (& $Make) 3>$null
        $r.Valid | Should -BeFalse
        $r.Problems.Code | Should -Contain $Code
        ($r.Problems | Where-Object Code -eq $Code).Severity | Should -Be 'Error'
    }

    It 'warns about a damaged .ppk without claiming its public part was extracted' {
        $r = Test-EspriPublicKey ((Get-Content $Ppk -Raw) -replace 'Public-Lines: \d+', 'Public-Lines: 40') -WarningVariable warnings 3>$null
        $r.Normalized | Should -BeNullOrEmpty
        ($warnings -join ' ') | Should -Match 'never send the \.ppk'
        ($warnings -join ' ') | Should -Not -Match 'extracted'
    }

    It 'applies the site policy to <Case>' -ForEach @(
        @{ Case = 'RSA 4096 (tolerated)'; Key = { $Rsa4096 }; Valid = $true; Code = 'PolicyTolerated'; Bits = 4096 }
        @{ Case = 'RSA 2048 (refused)'; Key = { $Rsa2048 }; Valid = $false; Code = 'PolicyRefused'; Bits = 2048 }
        @{ Case = 'ECDSA (refused)'; Key = { $Ecdsa }; Valid = $false; Code = 'PolicyRefused'; Bits = 256 }
        @{ Case = 'DSA (refused)'; Key = { $Dsa }; Valid = $false; Code = 'PolicyRefused'; Bits = 1024 }
    ) {
        $pub = "$(& $Key).pub"
        $r = Test-EspriPublicKey -Path $pub
        $r.Valid | Should -Be $Valid
        $r.Problems.Code | Should -Contain $Code
        $r.Bits | Should -Be $Bits
        $r.Fingerprint | Should -BeExactly ((ssh-keygen -lf $pub) -split ' ')[1]
        $r.Normalized | Should -BeExactly (Get-Content $pub -Raw).Trim()
    }

    It 'takes files from the pipeline, one verdict each' {
        $results = Get-ChildItem $Box.Ssh -Filter '*.pub' | Test-EspriPublicKey
        @($results).Count | Should -Be @(Get-ChildItem $Box.Ssh -Filter '*.pub').Count
        ($results | Where-Object Source -eq "$Ed.pub").Valid | Should -BeTrue
    }

    It 'fails with KeyFileNotFound for a missing file' {
        { Test-EspriPublicKey -Path (Join-Path $Box.Home 'nope.pub') -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyFileNotFound,EspriSsh.Commands.TestEspriPublicKeyCommand'
    }

    It 'refuses a device or a FIFO given as -Path with NotARegularFile, without waiting' -Skip:(Test-Skip -Tool mkfifo) {
        $fifo = Join-Path $Box.Home 'fifo.pub'
        mkfifo $fifo
        foreach ($path in '/dev/zero', $fifo) {
            { Test-EspriPublicKey -Path $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'NotARegularFile,EspriSsh.Commands.TestEspriPublicKeyCommand'
        }
    }

    It 'shows the line to paste, alone on its line, in its default view' {
        (Test-EspriPublicKey $EdLine | Out-String -Width 80) -split '\r?\n' | Should -Contain $EdLine
    }
}

Describe 'Test-EspriPublicKey in a pipeline' -Skip:$NoTools {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:Box = New-TestSandbox
        ssh-keygen -q -t ed25519 -N 'p' -C 'piped' -f (Join-Path $Box.Ssh 'id_ed25519')
        ssh-keygen -q -t ed25519 -N 'p' -C 'lonely' -f (Join-Path $Box.Ssh 'id_lonely')
        Remove-Item (Join-Path $Box.Ssh 'id_lonely.pub')
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'checks the .pub of a key from Get-EspriKey, without a private key alarm' {
        $check = Get-EspriKey -Path (Join-Path $Box.Ssh 'id_ed25519') | Test-EspriPublicKey -WarningVariable alarms -WarningAction SilentlyContinue
        $check.Source | Should -Be (Join-Path $Box.Ssh 'id_ed25519.pub')
        $check.Valid | Should -BeTrue
        $check.Normalized | Should -Be (Get-Content (Join-Path $Box.Ssh 'id_ed25519.pub')).Trim()
        $alarms | Should -BeNullOrEmpty
    }

    It 'refuses a key without a .pub, saying how to write one' {
        $err = $null
        Get-EspriKey -Path (Join-Path $Box.Ssh 'id_lonely') | Test-EspriPublicKey -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,EspriSsh.Commands.TestEspriPublicKeyCommand'
        $lonely = Join-Path $Box.Ssh 'id_lonely'
        $err[0].Exception.Message | Should -Match ([regex]::Escape("Install-EspriKey -Path '$lonely' -Destination '$lonely'"))
        $err[0].Exception.Message | Should -Not -Match '>' -Because 'a redirection would write UTF-16 in Windows PowerShell'
    }

    It 'refuses an object that is neither text nor a file, instead of checking its type name' {
        { [pscustomobject]@{ Name = 'x' } | Test-EspriPublicKey -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,EspriSsh.Commands.TestEspriPublicKeyCommand'
    }

    It 'still takes -Path (an alias of -PublicKeyPath) and files from Get-ChildItem' {
        (Test-EspriPublicKey -Path (Join-Path $Box.Ssh 'id_ed25519.pub')).Valid | Should -BeTrue
        (Get-Item (Join-Path $Box.Ssh 'id_ed25519.pub') | Test-EspriPublicKey).Valid | Should -BeTrue
    }
}
