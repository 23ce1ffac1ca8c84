# The shipped module in whichever PowerShell runs this file. Written for Windows PowerShell 5.1 too
# (no pwsh-only syntax, no TestHelpers): on Windows, build.ps1 Test also runs it in powershell.exe,
# where it proves that the netstandard2.0 build and its Dependencies/ load through the 5.1 resolver
# and work (BouncyCastle, System.Text.Json, SSH.NET, the owner-only ACL that ssh-keygen accepts).
BeforeDiscovery {
    $script:NoKeygen = -not (Get-Command ssh-keygen -CommandType Application -ErrorAction SilentlyContinue)
    if ($NoKeygen) { Write-Host '[!] skip (WindowsPowerShell.Tests.ps1): ssh-keygen not installed' -ForegroundColor Yellow }
}

BeforeAll {
    $script:ModulePath = Join-Path (Split-Path $PSScriptRoot) 'out/EspriSsh'
    Import-Module $ModulePath -Force
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) ('espri-host-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    $script:Ssh = Join-Path $Sandbox '.ssh'
    $null = New-Item -ItemType Directory -Force $Ssh
    function script:Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    function script:KeyPart([string] $Line) { ($Line.Trim() -split ' ')[0..1] -join ' ' }
}

AfterAll {
    Remove-Module EspriSsh -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Sandbox -ErrorAction SilentlyContinue
}

Describe "EspriSsh in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))" {
    It 'exports exactly the cmdlets of its manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'EspriSsh.psd1')
        @((Get-Command -Module EspriSsh).Name | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'reads the embedded site profile' {
        $site = Get-EspriSite
        $site.DefaultHeadNode | Should -Be 'spirit1'
        @($site.Hosts).Count | Should -BeGreaterThan 1
    }

    It 'makes an ED25519 key that ssh-keygen opens with the passphrase (the file''s rights are owner-only)' -Skip:$NoKeygen {
        $key = New-EspriKey -SshDirectory $Ssh -Passphrase (Secure 'host test') -Rounds 2 -Comment 'host test'
        $key.Path | Should -Be (Join-Path $Ssh 'id_ed25519')
        $derived = & ssh-keygen -y -P 'host test' -f $key.Path
        $LASTEXITCODE | Should -Be 0
        KeyPart $derived | Should -Be (KeyPart (Get-Content "$($key.Path).pub"))
    }

    It 'converts that key to a .ppk and back to the same public key' -Skip:$NoKeygen {
        $ppk = Convert-PpkKey (Join-Path $Ssh 'id_ed25519') -Passphrase (Secure 'host test') -NewPassphrase (Secure 'ppk pass')
        $ppk.Path | Should -Be (Join-Path $Ssh 'id_ed25519.ppk')
        $back = Join-Path $Sandbox 'back'
        $null = New-Item -ItemType Directory $back
        $openssh = Convert-PpkKey $ppk.Path -Passphrase (Secure 'ppk pass') -SshDirectory $back
        KeyPart (Get-Content "$($openssh.Path).pub") | Should -Be (KeyPart (Get-Content (Join-Path $Ssh 'id_ed25519.pub')))
    }

    It 'checks a public line before it goes into the account form' -Skip:$NoKeygen {
        $line = (Get-Content (Join-Path $Ssh 'id_ed25519.pub')).Trim()
        $check = Test-EspriPublicKey $line
        $check.Valid | Should -BeTrue
        $check.Normalized | Should -BeExactly $line
    }

    It 'stops a connection test at Tcp on a port nothing listens on (SSH.NET loaded)' -Skip:$NoKeygen {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $result = Test-EspriConnection 127.0.0.1 -Port $port -User someone -SshDirectory $Ssh -Passphrase (Secure 'host test') -TimeoutSec 10
        $result.FailedStage | Should -Be 'Tcp'
        $result.Reason | Should -Be 'ConnectionRefused'
    }
}
