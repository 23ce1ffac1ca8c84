# Tab completion: host names a user can type, from the site profile and from the ssh config.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Box = New-TestSandbox
    $env:ESPRISSH_HOME = $Box.Home
    $null = New-Item -ItemType Directory (Join-Path $Box.Ssh 'conf.d')
    Set-Content (Join-Path $Box.Ssh 'config') @(
        'Include conf.d/*.conf'
        'Host mybox mybox-alt *.example.org !mybox-bad'
        '    HostName 10.0.0.7'
        'Host *'
        '    ServerAliveInterval 30'
    )
    Set-Content (Join-Path $Box.Ssh 'conf.d/lab.conf') 'Host mylab'
    # What PowerShell offers after the text typed (the cursor at its end).
    function script:Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Remove-Item Env:ESPRISSH_HOME -ErrorAction Ignore
    Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
}

Describe 'Host names complete from the site profile and the ssh config' {
    It 'Test-EspriConnection <Tab> offers the site''s hosts, then the config''s aliases (no pattern), Includes followed' {
        $offered = Complete 'Test-EspriConnection '
        $offered | Select-Object -First 6 | Should -Be @((Get-EspriSite).Hosts.Alias)
        $offered | Should -Contain 'mybox'
        $offered | Should -Contain 'mybox-alt'
        $offered | Should -Contain 'mylab'
        $offered | Where-Object { $_ -match '[*?!]' } | Should -BeNullOrEmpty
        $offered | Where-Object { Test-Path $_ } | Should -BeNullOrEmpty -Because 'file names are not host names'
    }

    It 'filters by what is typed: <Typed>' -ForEach @(
        @{ Typed = 'Test-EspriConnection spiritx'; Expected = @('spiritx1', 'spiritx2') }
        @{ Typed = 'Test-EspriConnection -HostName my'; Expected = @('mylab', 'mybox', 'mybox-alt') }  # file order, Include first
        @{ Typed = 'Get-EspriDebugReport -HostName je'; Expected = @('jean-zay') }
    ) {
        Complete $Typed | Should -Be $Expected
    }

    It 'reads the config the command would read (-ConfigPath, -SshDirectory)' {
        $other = Join-Path $Box.Home 'other'
        $null = New-Item -ItemType Directory $other
        Set-Content (Join-Path $other 'config') 'Host elsewhere'
        Complete "Test-EspriConnection -SshDirectory '$other' -HostName el" | Should -Be @('elsewhere')
        Complete "Test-EspriConnection -ConfigPath '$other/config' el" | Should -Be @('elsewhere')
        Complete "Test-EspriConnection -ConfigPath '$other/config' my" | Should -BeNullOrEmpty
    }

    It '-HeadNode <Tab> offers the head nodes only' {
        $heads = @((Get-EspriSite).Hosts | Where-Object Role -eq 'HeadNode' | ForEach-Object Alias)
        Complete 'Set-EspriSshConfig -User me -HeadNode ' | Should -Be $heads
        Complete 'Test-EspriSshConfig -User me -HeadNode h' | Should -Be @('hal')
        Complete 'Start-EspriSetup -HeadNode ' | Should -Be $heads
        $heads | Should -Not -Contain 'jean-zay'
    }

    It 'offers nothing, without an error, when the site profile cannot be read' {
        $env:ESPRISSH_SITE_PROFILE = Join-Path $Box.Home 'missing.json'
        try { Complete 'Set-EspriSshConfig -User me -HeadNode ' | Should -BeNullOrEmpty }
        finally { Remove-Item Env:ESPRISSH_SITE_PROFILE }
    }
}
