<#
.SYNOPSIS
    Issue 15 and 25 targets: (1) listing the agent's keys with our protocol client costs at most 5 ms (median,
    warm; `ssh-add -l` shown beside it for scale); (2) a full Test-EspriConnection (all seven stages, in
    this pwsh process) whose key the agent signs costs at most 1.0x `ssh -o BatchMode=yes <alias> true`
    with the same agent, alias and known_hosts, interleaved in one run (issue 25: still <= 1.0x with
    the agent requests on a thread of their own and the agent named from its socket's owner).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 15,
    [int] $ListRepetitions = 200
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
if (-not ((Test-Tool ssh) -and (Test-Tool ssh-keygen) -and (Test-Tool ssh-agent) -and (Test-Tool ssh-add) -and ((Test-Tool sshd) -or (Test-Path /usr/sbin/sshd)))) {
    Write-Host 'Agent bench skipped: ssh, ssh-keygen, ssh-agent, ssh-add or sshd is missing.'
    return
}

Import-Module $ModulePath

$box = New-TestSandbox
$env:ESPRISSH_HOME = $box.Home
$env:ESPRISSH_NONINTERACTIVE = '1'
$savedSock = $env:SSH_AUTH_SOCK
$agent = Start-TestSshAgent -Directory $box.Home
$env:SSH_AUTH_SOCK = $agent.Socket
$plain = Join-Path $box.Home 'plain_ed25519'
& ssh-keygen -q -t ed25519 -N '' -C bench -f $plain | Out-Null
# The user's key file is encrypted; the agent holds it, so nobody types a passphrase.
$key = Join-Path $box.Ssh 'id_ed25519'
& ssh-keygen -q -t ed25519 -N '' -f $key | Out-Null
Copy-Item $plain $key -Force; Copy-Item "$plain.pub" "$key.pub" -Force
& ssh-keygen -q -p -a 16 -N 'bench pass' -P '' -f $key | Out-Null
& ssh-add -q $plain 2>$null
$sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$plain.pub")
try {
    # (1) Listing: the core's client, reached the way the cmdlets reach it.
    $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'EspriSsh.Core' } | Select-Object -First 1
    if (-not $core) { $null = Get-EspriSite; $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'EspriSsh.Core' } | Select-Object -First 1 }
    $agentType = $core.GetType('EspriSsh.Core.Agent.SshAgent')
    $sshAgent = [Activator]::CreateInstance($agentType, [object[]]::new($agentType.GetConstructors()[0].GetParameters().Count))
    $why = $null
    $client = $sshAgent.Client([ref]$why)
    if (-not $client) { throw "No agent: $why" }
    $none = [Threading.CancellationToken]::None
    $coldList = Measure-Ms { $null = $client.ListIdentities($none) }
    $lists = 1..$ListRepetitions | ForEach-Object { Measure-Ms { if ($client.ListIdentities($none).Count -ne 1) { throw 'the agent should hold one key' } } }
    $sshAdds = 1..15 | ForEach-Object { Measure-Ms { & ssh-add -l | Out-Null } }
    $listMedian = Get-Median $lists
    Write-Host ('Listing the agent''s keys (protocol client, warm): median {0:0.000} ms over {1} (first {2:0.0} ms)' -f $listMedian, $ListRepetitions, $coldList)
    Write-Host ('ssh-add -l (a process, for scale):                 median {0:0.0} ms over 15' -f (Get-Median $sshAdds))
    Write-Host ('Listing target <= 5 ms: {0}' -f $(if ($listMedian -le 5) { 'met' } else { 'NOT met' }))

    # (2) The whole test with the agent's key against ssh with the same agent.
    $config = Set-TestSshAlias -Sshd $sshd -Directory $box.Ssh -Alias espri-agent-bench -IdentityFile $key
    $espri = { $r = Test-EspriConnection espri-agent-bench -ConfigPath $config -SshDirectory $box.Ssh; if (-not $r.Succeeded) { throw "Test-EspriConnection failed: $($r.Stages | Out-String)" } }
    $ssh = { & ssh -F $config -o BatchMode=yes espri-agent-bench true; if ($LASTEXITCODE -ne 0) { throw "ssh failed ($LASTEXITCODE)" } }
    $times = Measure-Interleaved -First $espri -Second $ssh -Repetitions $Repetitions
    $espriMedian = $times.FirstMedian
    $sshMedian = $times.SecondMedian
    $coldEspri = $times.FirstCold
    $ratio = $espriMedian / $sshMedian
    Write-Host ('Test-EspriConnection, key signed by the agent (7 stages, warm): median {0:0.0} ms over {1} (first {2:0} ms)' -f $espriMedian, $Repetitions, $coldEspri)
    Write-Host ('ssh -o BatchMode=yes espri-agent-bench true, same agent:        median {0:0.0} ms over {1}' -f $sshMedian, $Repetitions)
    Write-Host ('Ratio {0:0.00}x (target <= 1.0x): {1}' -f $ratio, $(if ($ratio -le 1.0) { 'met' } else { 'NOT met' }))
}
finally {
    Stop-TestSshd $sshd
    Stop-TestSshAgent $agent
    $env:SSH_AUTH_SOCK = $savedSock
    Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore
}
