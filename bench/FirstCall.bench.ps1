<#
.SYNOPSIS
    Issue 28: what a user feels in a new PowerShell window. Every run is a fresh process; the four
    kinds run interleaved (so background load hits them alike), after one warm-up round:
      bare      pwsh -NoProfile -c exit
      import    pwsh -NoProfile -c 'Import-Module EspriSsh'
      first     pwsh -NoProfile -c 'Import-Module EspriSsh; Test-EspriConnection <alias>' (the call timed
                inside the process, and each of its stages)
      ssh       ssh -o BatchMode=yes <alias> true (whole process), same loopback sshd, key, known_hosts
    Targets: Import-Module <= +100 ms over a bare pwsh start (whole processes, medians); the first
    Test-EspriConnection <= 1.0x ssh (medians).
    Two more kinds, interleaved the same way, say whose time the import is:
      binary    pwsh -NoProfile -c 'Import-Module <a binary module of one empty cmdlet>': what
                PowerShell's Import-Module costs any binary module as the first of a process (its
                module machinery compiled by the JIT, its telemetry), which EspriSsh cannot change
      window    pwsh -NoProfile -c 'Import-Module PSReadLine; Import-Module EspriSsh', the second
                import timed inside the process: what an interactive window pays, since pwsh
                imports PSReadLine before its first prompt
    Then Start-EspriSetup -TestConnection, first call in a fresh pwsh, on a home it has set up (key in
    an agent, aliases written, host key known), against `ssh spirit1 true` + `ssh jean-zay true` (the
    two logins it tests, jean-zay through spirit1): a site profile points both at the loopback sshd,
    and ssh reads the written config with ~ meaning the sandbox home. Target <= 1.5x. Then one more fresh process, with tier-up switched off
    (DOTNET_TC_CallCounting=0) so that its counts do not depend on timing, counts what survives any
    load: methods compiled by the JIT, assemblies loaded and CPU time, for the import, the site
    profile and the first call.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 11
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
if (-not ((Test-Tool ssh) -and (Test-Tool ssh-keygen) -and ((Test-Tool sshd) -or (Test-Path /usr/sbin/sshd)))) {
    Write-Host 'FirstCall bench skipped: ssh, ssh-keygen or sshd is missing.'
    return
}

$pwsh = Get-PwshCommand
$agent = $null; $setupHome = $null
$box = New-TestSandbox
$key = Join-Path $box.Ssh 'id_ed25519'
& ssh-keygen -q -t ed25519 -N '' -f $key | Out-Null
$sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$key.pub")
try {
    $config = Set-TestSshAlias -Sshd $sshd -Directory $box.Ssh -Alias espri-bench -IdentityFile $key
    $environment = @{ ESPRISSH_HOME = $box.Home; SSH_AUTH_SOCK = '' }
    function Invoke-Pwsh([string] $Command, [hashtable] $Extra = @{}) {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
        $result = Invoke-TimedProcess -FilePath $pwsh[0] -Arguments $arguments -Environment ($environment + $Extra)
        if ($result.ExitCode -ne 0) { throw "pwsh failed ($($result.ExitCode)): $($result.Output)" }
        $result
    }
    $import = "Import-Module '$ModulePath'"
    $binaryModule = Join-Path $box.Home 'OneCmdlet'
    $null = New-Item -ItemType Directory $binaryModule
    Add-Type -OutputAssembly (Join-Path $binaryModule 'OneCmdlet.dll') -OutputType Library -TypeDefinition @'
using System.Management.Automation;
[Cmdlet(VerbsCommon.Get, "Nothing")]
public sealed class GetNothing : PSCmdlet { }
'@
    Set-Content (Join-Path $binaryModule 'OneCmdlet.psd1') "@{ RootModule = 'OneCmdlet.dll'; ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @('Get-Nothing'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
    $window = "Import-Module PSReadLine; `$clock = [Diagnostics.Stopwatch]::StartNew(); $import; 'WINDOW=' + `$clock.Elapsed.TotalMilliseconds"
    $test = "Test-EspriConnection espri-bench -ConfigPath '$config' -SshDirectory '$($box.Ssh)'"
    # The first call, timed inside the process; its stages; whether it succeeded.
    $first = "$import; `$clock = [Diagnostics.Stopwatch]::StartNew(); `$r = $test; `$ms = `$clock.Elapsed.TotalMilliseconds; " +
        "'FIRST=' + `$ms + ';OK=' + `$r.Succeeded + ';OUTSIDE=' + (`$ms - `$r.Duration.TotalMilliseconds) + ';' + ((`$r.Stages | ForEach-Object { `$_.Name + '=' + `$_.Duration.TotalMilliseconds }) -join ';')"

    $runs = @{ bare = @(); import = @(); binary = @(); window = @(); first = @(); firstProcess = @(); ssh = @() }
    $cpu = @{ bare = @(); import = @(); binary = @() }
    $stages = @{}
    for ($i = -1; $i -lt $Repetitions; $i++) {
        $bare = Invoke-Pwsh 'exit 0'
        $imported = Invoke-Pwsh "$import; exit 0"
        $baseline = Invoke-Pwsh "Import-Module '$binaryModule'; exit 0"
        $windowed = Invoke-Pwsh $window
        $called = Invoke-Pwsh $first
        $ssh = Invoke-TimedProcess -FilePath ssh -Arguments @('-F', $config, '-o', 'BatchMode=yes', 'espri-bench', 'true')
        if ($ssh.ExitCode -ne 0) { throw "ssh failed: $($ssh.Output)" }
        $fields = @{}
        foreach ($pair in (($called.Output -split "`n" | Where-Object { $_ -like 'FIRST=*' }) -split ';')) { $k, $v = $pair -split '=', 2; $fields[$k] = $v }
        if ($fields.OK -ne 'True') { throw "Test-EspriConnection failed: $($called.Output)" }
        if ($i -lt 0) { continue } # warm-up round: disk cache, sshd
        $cpu.bare += $bare.CpuMilliseconds
        $cpu.import += $imported.CpuMilliseconds
        $cpu.binary += $baseline.CpuMilliseconds
        $runs.bare += $bare.Milliseconds
        $runs.import += $imported.Milliseconds
        $runs.binary += $baseline.Milliseconds
        $runs.window += [double]($windowed.Output -split "`n" | Where-Object { $_ -like 'WINDOW=*' } | ForEach-Object { $_.Substring(7) })
        $runs.first += [double]$fields.FIRST
        $runs.firstProcess += $called.Milliseconds
        $runs.ssh += $ssh.Milliseconds
        foreach ($k in $fields.Keys | Where-Object { $_ -notin 'FIRST', 'OK' }) { $stages[$k] += @([double]$fields[$k]) }
    }

    $m = @{}; foreach ($k in $runs.Keys) { $m[$k] = Get-BenchMedian $runs[$k] }
    Write-Host ("Medians of {0} interleaved fresh processes (pwsh: {1}):" -f $Repetitions, ($pwsh -join ' '))
    Write-Host ('  bare pwsh start                 {0,6:0} ms   (runs: {1})' -f $m.bare, (Format-Runs $runs.bare))
    Write-Host ('  pwsh + Import-Module            {0,6:0} ms   (runs: {1})' -f $m.import, (Format-Runs $runs.import))
    Write-Host ('  pwsh + Import-Module (1 cmdlet) {0,6:0} ms   (runs: {1})' -f $m.binary, (Format-Runs $runs.binary))
    Write-Host ('  pwsh + import + first test      {0,6:0} ms   (runs: {1})' -f $m.firstProcess, (Format-Runs $runs.firstProcess))
    Write-Host ('  first Test-EspriConnection      {0,6:0} ms   (in the process; runs: {1})' -f $m.first, (Format-Runs $runs.first))
    Write-Host ('  ssh -o BatchMode=yes ... true   {0,6:0} ms   (runs: {1})' -f $m.ssh, (Format-Runs $runs.ssh))
    $order = 'OUTSIDE', 'Config', 'Dns', 'Tcp', 'Banner', 'HostKey', 'Authentication', 'Session'
    Write-Host ('  first call by stage (medians, ms; OUTSIDE = cmdlet, site profile, plan): ' +
        (($order | Where-Object { $stages[$_] } | ForEach-Object { '{0} {1:0}' -f $_, (Get-BenchMedian $stages[$_]) }) -join ', '))
    Write-Target 'Import-Module over a bare pwsh start (whole process)' ($m.import - $m.bare) 100 -Unit ms
    if ($null -ne $cpu.bare[0]) {
        Write-Host ('  the same in CPU time (user + system, little changed by load): {0:0} ms over {1:0} ms; a one-cmdlet module: {2:0} ms' -f ((Get-BenchMedian $cpu.import) - (Get-BenchMedian $cpu.bare)), (Get-BenchMedian $cpu.bare), ((Get-BenchMedian $cpu.binary) - (Get-BenchMedian $cpu.bare)))
    }
    Write-Host ('  of which PowerShell charges any first binary module (one empty cmdlet): {0:0} ms; EspriSsh over it: {1:0} ms' -f ($m.binary - $m.bare), ($m.import - $m.binary))
    Write-Host ('  Import-Module EspriSsh after PSReadLine, as in an interactive window: {0:0} ms (in the process; runs: {1})' -f $m.window, (Format-Runs $runs.window))
    Write-Target 'First Test-EspriConnection in a fresh pwsh / ssh' ($m.first / $m.ssh) 1.0

    # Counts that survive load: one process, tier-up off, each phase measured on its own.
    $count = @"
function Snap { [pscustomobject]@{ Jit = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false); Cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds; Asm = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name }) } }
function Say([string] `$phase, `$a, `$b) { 'COUNT {0}: {1} methods compiled by the JIT, {2:0} ms CPU, {3} assemblies loaded ({4})' -f `$phase, (`$b.Jit - `$a.Jit), (`$b.Cpu - `$a.Cpu), @(`$b.Asm | Where-Object { `$_ -notin `$a.Asm }).Count, ((`$b.Asm | Where-Object { `$_ -notin `$a.Asm }) -join ', ') }
`$s0 = Snap; $import; `$s1 = Snap; `$null = Get-EspriSite; `$s2 = Snap; `$null = $test; `$s3 = Snap
Say 'Import-Module' `$s0 `$s1; Say 'then Get-EspriSite (site profile)' `$s1 `$s2; Say 'then the first Test-EspriConnection' `$s2 `$s3
"@
    $counted = Invoke-Pwsh $count @{ DOTNET_TC_CallCounting = '0' }
    Write-Host 'Load-robust counts (one fresh process, tier-up off):'
    $counted.Output -split "`n" | Where-Object { $_ -like 'COUNT *' } | ForEach-Object { Write-Host ('  ' + $_.Substring(6)) }

    # Start-EspriSetup -TestConnection on a home it set up: spirit1 and jean-zay (through it) on the loopback sshd.
    $setupHome = New-TestSandbox
    $agent = Start-TestSshAgent -Directory $setupHome.Home
    $setup = @{
        ESPRISSH_HOME = $setupHome.Home; ESPRISSH_NONINTERACTIVE = '1'; SSH_AUTH_SOCK = $agent.Socket
        ESPRISSH_SITE_PROFILE = New-TestSiteProfile (Join-Path $setupHome.Home 'site.json') -Hosts @(
            @{ alias = 'spirit1'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $sshd.Port }
            @{ alias = 'jean-zay'; hostName = '127.0.0.1'; role = 'Remote'; port = $sshd.Port; via = 'spirit1' })
    }
    $environment = $setup
    $user = $sshd.User
    $null = Invoke-Pwsh "Import-Module '$ModulePath'; `$p = ConvertTo-SecureString 'bench pass phrase' -AsPlainText -Force; `$null = Start-EspriSetup -User $user -JeanZayUser $user -Passphrase `$p -Confirm:`$false -WarningAction SilentlyContinue"
    Add-Content -Path $sshd.AuthorizedKeysFile -Value (Get-Content (Join-Path $setupHome.Ssh 'id_ed25519.pub'))
    $setupCall = "Import-Module '$ModulePath'; `$clock = [Diagnostics.Stopwatch]::StartNew(); `$r = Start-EspriSetup -TestConnection HOSTKEY -Confirm:`$false -WarningAction SilentlyContinue; " +
        "'SETUP=' + `$clock.Elapsed.TotalMilliseconds + ';OK=' + `$r.Succeeded + ';' + ((`$r.Steps | ForEach-Object { `$_.Name + '=' + `$_.Status }) -join ',')"
    $null = Invoke-Pwsh $setupCall.Replace('HOSTKEY', '-AcceptNewHostKey') # the first contact records the host key
    # What ssh reads: the written config, ~ being the sandbox home, and the sandbox's known_hosts.
    $peerConfig = Join-Path $setupHome.Home 'ssh-peer-config'
    @("Host *", "    UserKnownHostsFile $(Join-Path $setupHome.Ssh 'known_hosts')", '    GlobalKnownHostsFile /dev/null', '    BatchMode yes') +
        ((Get-Content (Join-Path $setupHome.Ssh 'config')) -replace '~/', "$($setupHome.Home)/") | Set-Content $peerConfig
    $setupRuns = @(); $sshPairs = @()
    for ($i = -1; $i -lt $Repetitions; $i++) {
        $called = Invoke-Pwsh $setupCall.Replace('HOSTKEY', '')
        if ($called.Output -notmatch 'SETUP=([0-9.]+);OK=True') { throw "Start-EspriSetup -TestConnection failed: $($called.Output)" }
        $ms = [double]$Matches[1]
        $pair = 0
        foreach ($alias in 'spirit1', 'jean-zay') {
            $ssh = Invoke-TimedProcess -FilePath ssh -Arguments @('-F', $peerConfig, $alias, 'true') -Environment @{ SSH_AUTH_SOCK = $agent.Socket }
            if ($ssh.ExitCode -ne 0) { throw "ssh $alias failed: $($ssh.Output)" }
            $pair += $ssh.Milliseconds
        }
        if ($i -lt 0) { continue }
        $setupRuns += $ms; $sshPairs += $pair
    }
    $setupMedian = Get-BenchMedian $setupRuns; $pairMedian = Get-BenchMedian $sshPairs
    Write-Host ('  first Start-EspriSetup -TestConnection {0,6:0} ms   (in the process; runs: {1})' -f $setupMedian, (Format-Runs $setupRuns))
    Write-Host ('  ssh spirit1 true + ssh jean-zay true   {0,6:0} ms   (runs: {1})' -f $pairMedian, (Format-Runs $sshPairs))
    Write-Target 'First Start-EspriSetup -TestConnection in a fresh pwsh / ssh to both hosts' ($setupMedian / $pairMedian) 1.5
}
finally {
    if ($agent) { Stop-TestSshAgent $agent }
    Stop-TestSshd $sshd
    Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore
    if ($setupHome) { Remove-Item -Recurse -Force $setupHome.Home -ErrorAction Ignore }
}
