# Shared by every tests/*.Tests.ps1: where the built module is, sandboxes, fresh processes, real tools.
$ErrorActionPreference = 'Stop'
$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot)

function Get-TestModulePath { Join-Path $script:RepoRoot 'out/EspriSsh' }

function Get-RepoRoot { $script:RepoRoot }

function New-TestFolder([Parameter(Mandatory)] [string] $Prefix) {
    <# A fresh temp folder only its owner can enter (0700: tests put private keys in them); the test removes it. #>
    $path = Join-Path ([IO.Path]::GetTempPath()) ($Prefix + [guid]::NewGuid().ToString('N').Substring(0, 10))
    $null = New-Item -ItemType Directory $path
    if (-not $IsWindows) { chmod 700 $path }
    $path
}

function New-TestSandbox {
    <# A temp home (0700) with an empty .ssh (0700); tests point -SshDirectory or ESPRISSH_HOME at it, and remove Home. #>
    $home_ = New-TestFolder 'espri-test-'
    $ssh = Join-Path $home_ '.ssh'
    $null = New-Item -ItemType Directory $ssh
    if (-not $IsWindows) { chmod 700 $ssh }
    [pscustomobject]@{ Home = $home_; Ssh = $ssh }
}

function Get-PwshCommand {
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'pwsh*') { @([Environment]::ProcessPath) }
    else { @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll')) }
}

function Invoke-FreshPwsh {
    <#
    Runs a script in a new pwsh -NoProfile -NonInteractive process with stdin redirected, bounded by
    TimeoutSec (the process is killed after it). Returns ExitCode, Output, TimedOut.
    #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [int] $TimeoutSec = 60,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = [IO.Path]::GetTempPath(),
        [switch] $Interactive
    )
    $cmd = Get-PwshCommand
    $psi = [System.Diagnostics.ProcessStartInfo]::new($cmd[0])
    foreach ($a in ($cmd | Select-Object -Skip 1)) { $psi.ArgumentList.Add($a) }
    $psi.ArgumentList.Add('-NoProfile')
    if (-not $Interactive) { $psi.ArgumentList.Add('-NonInteractive') }
    $psi.ArgumentList.Add('-Command')
    $psi.ArgumentList.Add($Command)
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.UseShellExecute = $false
    # Relative paths in .NET follow the process folder, not Set-Location: never the repository.
    $psi.WorkingDirectory = $WorkingDirectory
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    $p = [System.Diagnostics.Process]::Start($psi)
    $p.StandardInput.Close()
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $timedOut = -not $p.WaitForExit($TimeoutSec * 1000)
    if ($timedOut) { $p.Kill($true); $p.WaitForExit() }
    [pscustomobject]@{
        ExitCode = if ($timedOut) { -1 } else { $p.ExitCode }
        Output   = $stdout.Result + $stderr.Result
        TimedOut = $timedOut
    }
}

function Invoke-WithoutHost {
    <#
    Runs $Script (a script block with a param block, given $Parameters) in a runspace of its own,
    with the module imported and no host: what PowerShell writes straight to the host, such as
    -WhatIf's "What if:" lines, goes nowhere, so a test run prints its summary only. Returns the
    output; the first error is thrown.
    #>
    param([Parameter(Mandatory)] [scriptblock] $Script, [hashtable] $Parameters = @{})
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-TestModulePath)).AddStatement()
        $null = $ps.AddScript($Script.ToString()).AddParameters($Parameters)
        $output = $ps.Invoke()
        if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0] }
        $output
    }
    finally { $ps.Dispose() }
}

# What the tests use these for exists on Unix only, whatever Windows has under the same name: sshd runs
# unprivileged from a temp config with Unix modes (Start-TestSshd: chmod, id; Win32-OpenSSH's sshd
# outside its service logs in only its own user), ssh-agent as `ssh-agent -D -a <socket>` (Windows'
# is a service), puttygen converts on its command line (Windows PuTTYgen is a GUI: it would wait for a
# click), and the file tools act on Unix modes, FIFOs and links (Git's MSYS copies only pretend).
$script:UnixOnlyTools = 'sshd', 'ssh-agent', 'puttygen', 'pageant', 'tmux', 'chmod', 'stat', 'id', 'touch', 'mkfifo', 'ln', 'sh', 'pgrep'

function Test-Tool([string] $Name) {
    if ($IsWindows -and $script:UnixOnlyTools -contains $Name) { return $false }
    # sshd lives in /usr/sbin, off an ordinary user's PATH; Start-TestSshd finds it there.
    [bool](Get-Command $Name -CommandType Application -ErrorAction Ignore) -or ($Name -eq 'sshd' -and (Test-Path /usr/sbin/sshd))
}

function Test-Skip {
    <#
    Whether a Describe/Context/It cannot run here, printing why when so: use it as
    -Skip:(Test-Skip -Tool puttygen, ssh-keygen) or -Skip:(Test-Skip -UnixOnly). Pester's -Skip takes
    no reason, so the reason is printed at discovery with the file and line (CI installs the tools).
    #>
    param([string[]] $Tool = @(), [switch] $UnixOnly, [switch] $WindowsOnly, [switch] $CoreClrOnly)
    $reasons = @(
        if ($UnixOnly -and $IsWindows) { 'Unix only' }
        if ($WindowsOnly -and -not $IsWindows) { 'Windows only' }
        if ($CoreClrOnly -and -not $IsCoreCLR) { 'PowerShell 7 only' }
        $unixTools = @($Tool | Where-Object { $IsWindows -and $script:UnixOnlyTools -contains $_ })
        if ($unixTools) { 'Unix only (' + ($unixTools -join ', ') + ')' }
        $missing = @($Tool | Where-Object { $unixTools -notcontains $_ -and -not (Test-Tool $_) })
        if ($missing) { ($missing -join ', ') + ' not installed' }
    )
    if ($reasons) {
        $caller = Get-PSCallStack | Select-Object -Skip 1 -First 1
        Write-Host "[!] skip ($(Split-Path -Leaf $caller.ScriptName):$($caller.ScriptLineNumber)): $($reasons -join '; ')" -ForegroundColor Yellow
    }
    [bool]$reasons
}

function Get-UnixMode([string] $Path) {
    # Octal permission bits as ls/stat print them, e.g. 600.
    (& stat -c '%a' $Path).Trim()
}

function Start-TestSshd {
    <#
    An unprivileged-style sshd on 127.0.0.1 with a free high port, its own host keys (-HostKeyTypes,
    ed25519 by default; HostKeys lists them in that order), config and authorized_keys in a temp dir.
    -LogLevel DEBUG makes sshd log each "userauth-request". Returns an object to pass to Stop-TestSshd.
    #>
    param([string[]] $AuthorizedKeys = @(), [string[]] $ExtraConfig = @(), [string[]] $HostKeyTypes = @('ed25519'), [string] $LogLevel = 'VERBOSE')
    $dir = New-TestFolder 'espri-sshd-'
    $hostKeys = foreach ($type in $HostKeyTypes) {
        $file = Join-Path $dir "host_$type"
        & ssh-keygen -q -t $type -N '' -f $file | Out-Null
        $fields = (Get-Content "$file.pub") -split ' '
        [pscustomobject]@{ Type = $fields[0]; Base64 = $fields[1]; Path = $file }
    }
    $authorized = Join-Path $dir 'authorized_keys'
    Set-Content -Path $authorized -Value $AuthorizedKeys
    chmod 600 $authorized
    $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $config = Join-Path $dir 'sshd_config'
    @(
        "Port $port"
        'ListenAddress 127.0.0.1'
        $hostKeys | ForEach-Object { "HostKey $($_.Path)" }
        "PidFile $(Join-Path $dir 'sshd.pid')"
        "AuthorizedKeysFile $authorized"
        'StrictModes no'
        'UsePAM no'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'PubkeyAuthentication yes'
        'PermitRootLogin prohibit-password'
        "LogLevel $LogLevel"
        'AllowTcpForwarding yes'
    ) + $ExtraConfig | Set-Content -Path $config
    if ((& id -u) -eq '0' -and -not (Test-Path /run/sshd)) { $null = New-Item -ItemType Directory /run/sshd }
    $sshd = (Get-Command sshd -ErrorAction Ignore)?.Source ?? '/usr/sbin/sshd'
    $log = Join-Path $dir 'sshd.log'
    $proc = Start-Process -FilePath $sshd -ArgumentList @('-D', '-e', '-f', $config) -RedirectStandardError $log -PassThru
    # Ready when the port accepts connections.
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ([DateTime]::UtcNow -lt $deadline) {
        try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break } catch { Start-Sleep -Milliseconds 50 }
    }
    [pscustomobject]@{
        Directory = $dir; Port = $port; Process = $proc; Config = $config; Log = $log
        AuthorizedKeysFile = $authorized
        HostKeys = @($hostKeys); HostKeyType = $hostKeys[0].Type; HostKeyBase64 = $hostKeys[0].Base64
        User = (& id -un)
    }
}

function Stop-TestSshd([Parameter(Mandatory)] $Sshd) {
    if ($Sshd.Process -and -not $Sshd.Process.HasExited) { $Sshd.Process.Kill($true); $Sshd.Process.WaitForExit(5000) | Out-Null }
    Remove-Item -Recurse -Force $Sshd.Directory -ErrorAction Ignore
}

function New-TestSiteProfile {
    <#
    A site profile file for ESPRISSH_SITE_PROFILE: the built-in ESPRI one with other -Hosts (hashtables
    with alias, hostName, role, port, via; the first is the default head node) and/or other
    -HostKeyFingerprints (hostName, keyType, fingerprint). Returns the path.
    #>
    param([Parameter(Mandatory)] [string] $Path, [hashtable[]] $Hosts, [hashtable[]] $HostKeyFingerprints)
    $site = Get-Content (Join-Path $script:RepoRoot 'src/EspriSsh.Core/Site/espri-site.json') -Raw | ConvertFrom-Json
    if ($Hosts) {
        $site.hosts = @($Hosts | ForEach-Object { [pscustomobject]$_ })
        $site.defaultHeadNode = $Hosts[0].alias
    }
    if ($HostKeyFingerprints) { $site.hostKeyFingerprints = @($HostKeyFingerprints | ForEach-Object { [pscustomobject]$_ }) }
    $site | ConvertTo-Json -Depth 6 | Set-Content $Path
    $Path
}

function Start-TestSshAgent {
    <#
    Starts a real ssh-agent listening on a socket inside the sandbox; returns Socket and Pid.
    Tests set $env:SSH_AUTH_SOCK to Socket (never the user's agent) and call Stop-TestSshAgent.
    #>
    param([Parameter(Mandatory)] [string] $Directory)
    $socket = Join-Path $Directory ('agent-' + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.sock')
    $out = ssh-agent -s -a $socket
    if ($LASTEXITCODE -ne 0) { throw "ssh-agent did not start: $out" }
    $agentPid = [int](($out -join "`n") -replace '(?s).*SSH_AGENT_PID=(\d+);.*', '$1')
    [pscustomobject]@{ Socket = $socket; Pid = $agentPid }
}

function Stop-TestSshAgent([Parameter(Mandatory)] $Agent) {
    Stop-Process -Id $Agent.Pid -ErrorAction Ignore
    Remove-Item $Agent.Socket -ErrorAction Ignore
}

function Get-SshKeygenFacts([Parameter(Mandatory)] [string] $PublicKeyFile) {
    <# What ssh-keygen -l says of a key: Bits, Fingerprint, Type (ssh-ed25519, ssh-rsa, ssh-dss, ecdsa-sha2-nistp256). #>
    $line = ssh-keygen -l -E sha256 -f $PublicKeyFile
    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen -l failed on $PublicKeyFile" }
    $fields = $line -split ' '
    $label = $fields[-1].Trim('(', ')')
    $type = switch -Wildcard ($label) { 'ED25519' { 'ssh-ed25519' } 'RSA' { 'ssh-rsa' } 'DSA' { 'ssh-dss' } 'ECDSA' { "ecdsa-sha2-nistp$($fields[0])" } default { $label } }
    [pscustomobject]@{ Bits = [int]$fields[0]; Fingerprint = $fields[1]; Type = $type }
}

function Get-FreeTcpPort {
    <# A loopback port nothing listens on (bound then released): connecting to it is refused. #>
    $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $port
}

function Start-TestSilentPort {
    <#
    A port that accepts TCP connections (the kernel completes the handshake on a listening socket)
    and never sends a byte: what a firewall holding connections or a hung service looks like.
    Returns the listener; pass it to Stop-TestSilentPort. Its port is .LocalEndpoint.Port.
    #>
    $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $listener
}

function Stop-TestSilentPort([Parameter(Mandatory)] $Listener) { $Listener.Stop() }

function Get-SshFingerprint {
    <# SHA256:... of a public key file or line, as ssh-keygen -l prints it (the reference, not our code). #>
    param([Parameter(Mandatory)] [string] $PublicKey)
    $file = $PublicKey
    if (-not (Test-Path -LiteralPath $PublicKey)) {
        $file = [IO.Path]::GetTempFileName()
        Set-Content -LiteralPath $file -Value $PublicKey
    }
    try { (Get-SshKeygenFacts $file).Fingerprint }
    finally { if ($file -ne $PublicKey) { Remove-Item -LiteralPath $file } }
}

function Measure-Ms([Parameter(Mandatory)] [scriptblock] $Block) {
    <# Milliseconds one run of the block takes (benchmarks). #>
    $sw = [Diagnostics.Stopwatch]::StartNew(); & $Block; $sw.Stop(); $sw.Elapsed.TotalMilliseconds
}

function Get-Median([Parameter(Mandatory)] [double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { $sorted[[int][Math]::Floor($sorted.Count / 2)] }
    else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function Measure-Interleaved {
    <#
    Runs two blocks alternately (so that background load hits both alike), after one warm-up run of
    each. Returns FirstCold (the first run of the first block: JIT, loading), FirstMedian, SecondMedian.
    #>
    param([Parameter(Mandatory)] [scriptblock] $First, [Parameter(Mandatory)] [scriptblock] $Second, [int] $Repetitions = 15)
    $cold = Measure-Ms $First
    $null = Measure-Ms $Second
    $a = @(); $b = @()
    for ($i = 0; $i -lt $Repetitions; $i++) {
        $a += Measure-Ms $First
        $b += Measure-Ms $Second
    }
    [pscustomobject]@{ FirstCold = $cold; FirstMedian = (Get-Median $a); SecondMedian = (Get-Median $b) }
}

function Set-TestSshAlias {
    <#
    Makes <Alias> reach a Start-TestSshd server with one key only (IdentitiesOnly): writes its host key
    to known_hosts and a config in Directory; returns the config's path (for ssh -F and -ConfigPath).
    #>
    param([Parameter(Mandatory)] $Sshd, [Parameter(Mandatory)] [string] $Directory, [Parameter(Mandatory)] [string] $Alias,
        [Parameter(Mandatory)] [string] $IdentityFile)
    $knownHosts = Join-Path $Directory 'known_hosts'
    Set-Content $knownHosts "[127.0.0.1]:$($Sshd.Port) $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)"
    $config = Join-Path $Directory 'config'
    @(
        "Host $Alias"
        '    HostName 127.0.0.1'
        "    Port $($Sshd.Port)"
        "    User $($Sshd.User)"
        "    IdentityFile $IdentityFile"
        '    IdentitiesOnly yes'
        "    UserKnownHostsFile $knownHosts"
    ) | Set-Content $config
    $config
}

Export-ModuleMember -Function *
