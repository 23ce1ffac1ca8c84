# Repair-EspriKeyPermission: what ssh-keygen refuses ("UNPROTECTED PRIVATE KEY FILE") it accepts afterwards.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:Skip = Test-Skip -UnixOnly -Tool ssh-keygen
}

Describe 'Repair-EspriKeyPermission restores owner-only rights' -Skip:$Skip {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
    }

    BeforeEach {
        $script:Box = New-TestSandbox
        $ssh = $Box.Ssh
        ssh-keygen -q -t ed25519 -N '' -f "$ssh/id_ed25519"
        ssh-keygen -q -t ed25519 -N '' -f "$ssh/work_key"
        Set-Content "$ssh/config" 'Host spirit1'
        Set-Content "$ssh/known_hosts" ''
        chmod 644 "$ssh/id_ed25519" "$ssh/known_hosts"
        chmod 664 "$ssh/config"
        chmod 755 $ssh
    }

    AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'restricts the keys and the config to 0600 and the folder to 0700, one object per file' {
        ssh-keygen -y -f "$($Box.Ssh)/id_ed25519" 2>&1 | Out-String | Should -Match 'UNPROTECTED PRIVATE KEY FILE'
        $r = Repair-EspriKeyPermission -SshDirectory $Box.Ssh
        $r[0].PSObject.TypeNames[0] | Should -Be 'EspriSsh.PermissionRepair'
        $byName = @{}
        foreach ($o in $r) { $byName[(Split-Path -Leaf $o.Path)] = $o }
        @($byName.Keys | Sort-Object) | Should -Be @('.ssh', 'config', 'id_ed25519', 'work_key')
        $byName['id_ed25519'].Before | Should -Be '0644'
        $byName['id_ed25519'].After | Should -Be '0600'
        $byName['id_ed25519'].Changed | Should -BeTrue
        $byName['config'].Before | Should -Be '0664'
        $byName['config'].Changed | Should -BeTrue
        $byName['.ssh'].Before | Should -Be '0755'
        $byName['.ssh'].After | Should -Be '0700'
        $byName['work_key'].Changed | Should -BeFalse

        Get-UnixMode "$($Box.Ssh)/id_ed25519" | Should -Be '600'
        Get-UnixMode "$($Box.Ssh)/config" | Should -Be '600'
        Get-UnixMode $Box.Ssh | Should -Be '700'
        Get-UnixMode "$($Box.Ssh)/known_hosts" | Should -Be '644'
        Get-UnixMode "$($Box.Ssh)/id_ed25519.pub" | Should -Be '644'
        ssh-keygen -y -f "$($Box.Ssh)/id_ed25519" | Should -Be (Get-Content "$($Box.Ssh)/id_ed25519.pub")
    }

    It 'is idempotent: a second run changes nothing' {
        Repair-EspriKeyPermission -SshDirectory $Box.Ssh | Out-Null
        $again = Repair-EspriKeyPermission -SshDirectory $Box.Ssh
        @($again | Where-Object Changed).Count | Should -Be 0
        @($again).Count | Should -Be 4
    }

    It '-WhatIf changes nothing' {
        Invoke-WithoutHost { param($Ssh) Repair-EspriKeyPermission -SshDirectory $Ssh -WhatIf } @{ Ssh = $Box.Ssh } | Out-Null
        Get-UnixMode "$($Box.Ssh)/id_ed25519" | Should -Be '644'
        Get-UnixMode $Box.Ssh | Should -Be '755'
    }

    It '-Path repairs only the given file; Get-EspriKey | Where-Object PermissionsOk -eq $false | Repair-EspriKeyPermission works' {
        $r = Repair-EspriKeyPermission -Path "$($Box.Ssh)/config"
        @($r).Count | Should -Be 1
        Get-UnixMode "$($Box.Ssh)/id_ed25519" | Should -Be '644'
        $fixed = Get-EspriKey -SshDirectory $Box.Ssh | Where-Object PermissionsOk -eq $false | Repair-EspriKeyPermission
        @($fixed.Path) | Should -Be @("$($Box.Ssh)/id_ed25519")
        (Get-EspriKey -Path "$($Box.Ssh)/id_ed25519").PermissionsOk | Should -BeTrue
    }

    It 'a missing ssh folder is nothing to repair, and Get-EspriKey lists nothing there' {
        $none = Join-Path $Box.Home 'no-such/.ssh'
        @(Repair-EspriKeyPermission -SshDirectory $none -ErrorAction Stop).Count | Should -Be 0
        @(Get-EspriKey -SshDirectory $none -ErrorAction Stop).Count | Should -Be 0
        Test-Path $none | Should -BeFalse
    }

    It 'a missing file is KeyFileNotFound' {
        { Repair-EspriKeyPermission -Path "$($Box.Ssh)/nope" -ErrorAction Stop } | Should -Throw -ErrorId 'KeyFileNotFound,EspriSsh.Commands.RepairEspriKeyPermissionCommand'
    }
}
