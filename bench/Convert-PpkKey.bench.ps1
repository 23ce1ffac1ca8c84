<#
.SYNOPSIS
    Issue 5 target: converting a puttygen-default PPK v3 (Argon2id, 8192 KiB, passes timed by
    puttygen, 1 lane) to OpenSSH with Convert-PpkKey costs at most 1.5x
    `puttygen k.ppk -O private-openssh-new --old-passphrase f -o out` (whole process for puttygen, one
    call in this warm pwsh process for us). Both decrypt with Argon2 and re-encrypt the output with the
    same passphrase (puttygen: bcrypt 16 rounds; us: bcrypt 24 rounds, as ssh-keygen does).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 9
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if (-not (Get-Command puttygen -ErrorAction Ignore)) { Write-Host 'puttygen not found: benchmark skipped.'; return }

$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$passFile = Join-Path $dir 'pass'
[IO.File]::WriteAllText($passFile, 'bench pass phrase')
$pass = ConvertTo-SecureString 'bench pass phrase' -AsPlainText -Force
function Median([double[]] $values) { $s = $values | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

try {
    $ppk = Join-Path $dir 'k.ppk'
    & puttygen -t ed25519 -C bench -o $ppk --new-passphrase $passFile
    if ($LASTEXITCODE -ne 0) { throw 'puttygen failed' }
    $kdf = (Get-Content $ppk | Where-Object { $_ -match '^(Key-Derivation|Argon2-(Memory|Passes|Parallelism)):' }) -join ', '
    Write-Host "Source: puttygen default PPK v3 ($kdf)"

    # Warm-up: JIT and first-use costs are not what a user pays per key in a session.
    $null = Convert-PpkKey $ppk -Passphrase $pass -Destination (Join-Path $dir 'warm')
    & puttygen $ppk -O private-openssh-new --old-passphrase $passFile -o (Join-Path $dir 'warm-p')

    $ours = [Collections.Generic.List[double]]::new()
    $theirs = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Repetitions; $i++) {
        # Alternate so both see the same machine load.
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $null = Convert-PpkKey $ppk -Passphrase $pass -Destination (Join-Path $dir "ours$i")
        $ours.Add($sw.Elapsed.TotalMilliseconds)

        $sw = [Diagnostics.Stopwatch]::StartNew()
        & puttygen $ppk -O private-openssh-new --old-passphrase $passFile -o (Join-Path $dir "theirs$i")
        $theirs.Add($sw.Elapsed.TotalMilliseconds)
        if ($LASTEXITCODE -ne 0) { throw 'puttygen failed' }
    }

    $m1 = Median $ours; $m2 = Median $theirs
    Write-Host ('Convert-PpkKey k.ppk (to OpenSSH, same passphrase):     median {0:N1} ms  (runs: {1})' -f $m1, (($ours | ForEach-Object { $_.ToString('N0') }) -join ' '))
    Write-Host ('puttygen k.ppk -O private-openssh-new --old-passphrase: median {0:N1} ms  (runs: {1})' -f $m2, (($theirs | ForEach-Object { $_.ToString('N0') }) -join ' '))
    $ratio = $m1 / $m2
    Write-Host ('Ratio Convert-PpkKey / puttygen: {0:N2}x (target <= 1.50x): {1}' -f $ratio, $(if ($ratio -le 1.5) { 'MET' } else { 'NOT MET' }))
}
finally {
    Remove-Item -Recurse -Force $dir -ErrorAction Ignore
}
