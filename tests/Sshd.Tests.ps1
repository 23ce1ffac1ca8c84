# Proves the loopback sshd fixture that the connection and report tests rely on.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, sshd
}

Describe 'Test sshd fixture' -Skip:$NoSshd {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        $script:Box = New-TestSandbox
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -C 'fixture' -f $Key | Out-Null
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        Set-Content $KnownHosts "[127.0.0.1]:$($Sshd.Port) $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)"
    }
    AfterAll { Stop-TestSshd $Sshd; Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'lets ssh -o BatchMode=yes log in with the registered key' {
        $out = ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o "UserKnownHostsFile=$KnownHosts" -i $Key -p $Sshd.Port "$($Sshd.User)@127.0.0.1" 'echo espri-ok' 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $out | Should -Contain 'espri-ok'
    }

    It 'refuses a key that is not registered' {
        $other = Join-Path $Box.Ssh 'other'
        ssh-keygen -q -t ed25519 -N '' -f $other | Out-Null
        $out = ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o "UserKnownHostsFile=$KnownHosts" -i $other -p $Sshd.Port "$($Sshd.User)@127.0.0.1" true 2>&1
        $LASTEXITCODE | Should -Be 255
        ($out | Out-String) | Should -Match 'Permission denied'
    }
}
