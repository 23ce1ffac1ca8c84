BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Work = New-TestFolder 'espri-site-'
}

AfterAll { Remove-Item -Recurse -Force $Work -ErrorAction Ignore }

Describe 'Get-EspriSite' {
    It 'shows the ESPRI hosts with their roles and Jean Zay through a head node' {
        $site = Get-EspriSite
        $site.PSObject.TypeNames[0] | Should -Be 'EspriSsh.SiteProfile'
        ($site.Hosts | Where-Object Alias -eq 'spirit1').HostName | Should -Be 'spirit1.ipsl.fr'
        @($site.Hosts | Where-Object Role -eq 'HeadNode').Alias | Should -Be @('spirit1', 'spirit2', 'spiritx1', 'spiritx2', 'hal')
        $jz = $site.Hosts | Where-Object Alias -eq 'jean-zay'
        $jz.HostName | Should -Be 'jean-zay.idris.fr'
        $jz.Via | Should -Be 'spirit1'
    }

    It 'states the key policy: ED25519 preferred, RSA >= 4096 tolerated, DSA refused' {
        $policy = (Get-EspriSite).KeyPolicy
        ($policy | Where-Object Type -eq 'ssh-ed25519').Verdict | Should -Be 'Preferred'
        $rsa = $policy | Where-Object Type -eq 'ssh-rsa'
        $rsa.Verdict | Should -Be 'Tolerated'
        $rsa.MinimumBits | Should -Be 4096
        ($policy | Where-Object Type -eq 'ssh-dss').Verdict | Should -Be 'Refused'
    }

    It 'formats as a readable list' {
        $text = Get-EspriSite | Out-String
        $text | Should -Match 'spirit1 = spirit1\.ipsl\.fr \(HeadNode\)'
        $text | Should -Match 'jean-zay = jean-zay\.idris\.fr \(Remote via spirit1\)'
        $text | Should -Match 'ssh-dss: Refused'
    }

    It 'loads another profile with -Path, from the pipeline too' {
        $file = Join-Path $Work 'site.json'
        @{
            name = 'Test site'; defaultHeadNode = 'login1'
            hosts = @(@{ alias = 'login1'; hostName = 'login1.example.org'; role = 'HeadNode' })
            keyPolicy = @(@{ type = 'ssh-ed25519'; verdict = 'Preferred'; reason = 'ok' })
        } | ConvertTo-Json -Depth 5 | Set-Content $file
        (Get-EspriSite -Path $file).Hosts[0].HostName | Should -Be 'login1.example.org'
        (Get-Item $file | Get-EspriSite).Name | Should -Be 'Test site'
        (Get-EspriSite -Path $file).Source | Should -Be $file
    }

    It 'is used by the module when ESPRISSH_SITE_PROFILE names a file' {
        $file = Join-Path $Work 'site.json'
        '{"name":"Env site","defaultHeadNode":"a","hosts":[{"alias":"a","hostName":"a.example.org"}],"keyPolicy":[{"type":"ssh-ed25519","verdict":"Preferred","reason":"r"}]}' | Set-Content $file
        $r = Invoke-FreshPwsh -Command "Import-Module '$(Get-TestModulePath)'; (Get-EspriSite 3>`$null).Name" -Environment @{ ESPRISSH_SITE_PROFILE = $file }
        $r.Output.Trim() | Should -Be 'Env site'
    }

    It 'makes every command that acts on it name the file in a warning' {
        $box = New-TestSandbox
        $file = Join-Path $box.Home 'site.json'
        '{"name":"Env site","defaultHeadNode":"a","hosts":[{"alias":"a","hostName":"a.example.org"}],"keyPolicy":[{"type":"ssh-ed25519","verdict":"Preferred","reason":"r"}]}' | Set-Content $file
        $script = "Import-Module '$(Get-TestModulePath)'; " + ((@(
            "Test-EspriSshConfig -User jdupont -SshDirectory '$($box.Ssh)'"
            "Set-EspriSshConfig -User jdupont -SshDirectory '$($box.Ssh)' -WhatIf"
            "New-EspriKey -SshDirectory '$($box.Ssh)' -NoPassphrase -WhatIf"
            "Get-EspriKey -SshDirectory '$($box.Ssh)'"
            "Get-EspriSite"
        ) | ForEach-Object { "`$w = `$null; `$null = $_ -WarningVariable w 3>`$null; 'WARNED=' + ((@(`$w) -like '*$file*').Count)" }) -join '; ')
        try { $r = Invoke-FreshPwsh -Command $script -Environment @{ ESPRISSH_SITE_PROFILE = $file } }
        finally { Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore }
        @([regex]::Matches($r.Output, 'WARNED=(\d+)') | ForEach-Object { $_.Groups[1].Value }) | Should -Be @('1', '1', '1', '1', '1') -Because $r.Output
    }

    It 'returns a copy: changing it changes nothing the other commands accept' {
        $site = Get-EspriSite
        ($site.KeyPolicy | Where-Object Type -eq 'ssh-dss').Verdict = 'Preferred'
        $site.KeyPolicy.Clear()
        (Get-EspriSite).KeyPolicy.Count | Should -BeGreaterThan 0
        { New-EspriKey -Type Dsa -SshDirectory (Join-Path $Work 'copy-test') -NoPassphrase -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyTypeRefused,EspriSsh.Commands.NewEspriKeyCommand'
    }

    It 'refuses a profile whose alias would inject config lines, and writes nothing' {
        $box = New-TestSandbox
        $file = Join-Path $box.Home 'site.json'
        '{"name":"Evil","defaultHeadNode":"a","hosts":[{"alias":"a\nProxyCommand touch /tmp/pwned","hostName":"a.example.org"}],"keyPolicy":[{"type":"ssh-ed25519","verdict":"Preferred","reason":"r"}]}' | Set-Content $file
        $r = Invoke-FreshPwsh -Command "Import-Module '$(Get-TestModulePath)'; try { Set-EspriSshConfig -User jdupont -SshDirectory '$($box.Ssh)' -ErrorAction Stop } catch { 'ID=' + `$_.FullyQualifiedErrorId; `$_.Exception.Message }" -Environment @{ ESPRISSH_SITE_PROFILE = $file }
        $written = Test-Path (Join-Path $box.Ssh 'config')
        Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore
        $r.Output | Should -Match 'ID=SiteProfileInvalid,EspriSsh.Commands.SetEspriSshConfigCommand'
        $r.Output | Should -Match 'hosts\[0\]\.alias'
        $written | Should -BeFalse
    }

    It 'fails with <Id> for <Case>' -ForEach @(
        @{ Case = 'a missing file'; Content = $null; Id = 'SiteProfileNotFound' }
        @{ Case = 'broken JSON'; Content = '{ "name": '; Id = 'SiteProfileInvalid' }
        @{ Case = 'no hosts'; Content = '{"name":"x","hosts":[],"keyPolicy":[{"type":"ssh-ed25519","verdict":"Preferred"}]}'; Id = 'SiteProfileInvalid' }
        @{ Case = 'an unknown default head node'; Content = '{"name":"x","defaultHeadNode":"zz","hosts":[{"alias":"a","hostName":"a.b"}],"keyPolicy":[{"type":"ssh-ed25519","verdict":"Preferred"}]}'; Id = 'SiteProfileInvalid' }
    ) {
        $file = Join-Path $Work "site-$Id-$($Case.Length).json"
        if ($null -ne $Content) { Set-Content $file $Content }
        { Get-EspriSite -Path $file -ErrorAction Stop } | Should -Throw -ErrorId "$Id,EspriSsh.Commands.GetEspriSiteCommand"
        $err = $null
        Get-EspriSite -Path $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].TargetObject | Should -Be $file
        $err[0].Exception.Message | Should -Match ([regex]::Escape($file))
    }
}
