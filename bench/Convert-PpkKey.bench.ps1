<#
.SYNOPSIS
    Convert-PpkKey on a PPK v3 key as puttygen makes it (Argon2id, 8192 KiB, 1 lane, 13 passes: what
    puttygen's timing picks on a quiet 2-core machine here, pinned so that load cannot change the
    work), one call in this warm pwsh against puttygen's whole process, interleaved, medians:
    1. decrypt only (issue 28, target <= 0.35x; the SIMD Argon2's limit is about 0.3x):
       Convert-PpkKey -NoPassphrase against `puttygen k.ppk -O private-openssh-new --old-passphrase f
       --new-passphrase <empty file>`;
    2. with the same passphrase on the output (issue 5, target <= 1.5x): we re-encrypt with bcrypt
       24 rounds as ssh-keygen does, puttygen with 16.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 9
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
Import-Module $ModulePath
if (-not (Get-Command puttygen -ErrorAction Ignore)) { Write-Host 'puttygen not found: benchmark skipped.'; return }

$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$passFile = Join-Path $dir 'pass'
[IO.File]::WriteAllText($passFile, 'bench pass phrase')
$emptyFile = Join-Path $dir 'empty'
[IO.File]::WriteAllText($emptyFile, '')
$pass = ConvertTo-SecureString 'bench pass phrase' -AsPlainText -Force
function Invoke-PuttyGen([string[]] $Arguments) {
    $r = Invoke-TimedProcess -FilePath puttygen -Arguments $Arguments
    if ($r.ExitCode -ne 0) { throw "puttygen failed: $($r.Output)" }
    $r.Milliseconds
}

try {
    $ppk = Join-Path $dir 'k.ppk'
    $null = Invoke-PuttyGen @('-t', 'ed25519', '-C', 'bench', '-o', $ppk, '--new-passphrase', $passFile, '--ppk-param', 'passes=13')
    $kdf = (Get-Content $ppk | Where-Object { $_ -match '^(Key-Derivation|Argon2-(Memory|Passes|Parallelism)):' }) -join ', '
    Write-Host "Source: PPK v3 ($kdf)"
    $cases = @(
        @{ Name = 'decrypt only'; Target = 0.35; Issue = 'issue 28'
           Ours = { param($out) Convert-PpkKey $ppk -Passphrase $pass -NoPassphrase -Destination $out -WarningAction SilentlyContinue }
           Theirs = { param($out) @($ppk, '-O', 'private-openssh-new', '--old-passphrase', $passFile, '--new-passphrase', $emptyFile, '-o', $out) } }
        @{ Name = 'same passphrase on the output'; Target = 1.5; Issue = 'issue 5'
           Ours = { param($out) Convert-PpkKey $ppk -Passphrase $pass -Destination $out }
           Theirs = { param($out) @($ppk, '-O', 'private-openssh-new', '--old-passphrase', $passFile, '-o', $out) } }
    )
    $run = 0
    foreach ($case in $cases) {
        # Warm-up: JIT and first-use costs are not what a user pays per key in a session.
        $null = & $case.Ours (Join-Path $dir ('warm' + $run++))
        $null = Invoke-PuttyGen (& $case.Theirs (Join-Path $dir ('warm' + $run++)))
        $ours = @(); $theirs = @()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = & $case.Ours (Join-Path $dir ('ours' + $run++))
            $ours += $sw.Elapsed.TotalMilliseconds
            $theirs += Invoke-PuttyGen (& $case.Theirs (Join-Path $dir ('theirs' + $run++)))
        }
        $m1 = Get-BenchMedian $ours; $m2 = Get-BenchMedian $theirs
        Write-Host ('Convert-PpkKey, {0}: median {1:N1} ms (runs: {2}); puttygen: median {3:N1} ms (runs: {4})' -f $case.Name, $m1, (Format-Runs $ours), $m2, (Format-Runs $theirs))
        Write-Target "Convert-PpkKey / puttygen, $($case.Name) ($($case.Issue))" ($m1 / $m2) $case.Target
    }
}
finally {
    Remove-Item -Recurse -Force $dir -ErrorAction Ignore
}
