<#
.SYNOPSIS
    Issue 4 target: New-EspriKey with a passphrase at 24 rounds costs at most 1.3x
    `ssh-keygen -t ed25519 -a 24 -N ...` (whole process for ssh-keygen, one call in a warm pwsh for us).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 9,
    [int] $Rounds = 24
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if (-not (Get-Command ssh-keygen -ErrorAction Ignore)) { Write-Host 'ssh-keygen not found: benchmark skipped.'; return }

$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$pass = ConvertTo-SecureString 'bench pass phrase' -AsPlainText -Force
function Median([double[]] $values) { $s = $values | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

try {
    # Warm-up: JIT and first-use costs are not what a user pays per key in a session.
    $null = New-EspriKey -Path (Join-Path $dir 'warm') -Passphrase $pass -Rounds $Rounds
    & ssh-keygen -q -t ed25519 -a $Rounds -N 'bench pass phrase' -f (Join-Path $dir 'warm-k') | Out-Null

    $ours = [Collections.Generic.List[double]]::new()
    $theirs = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Repetitions; $i++) {
        # Alternate so both see the same machine load.
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $null = New-EspriKey -Path (Join-Path $dir "ours$i") -Passphrase $pass -Rounds $Rounds
        $ours.Add($sw.Elapsed.TotalMilliseconds)

        $sw = [Diagnostics.Stopwatch]::StartNew()
        & ssh-keygen -q -t ed25519 -a $Rounds -N 'bench pass phrase' -f (Join-Path $dir "theirs$i") | Out-Null
        $theirs.Add($sw.Elapsed.TotalMilliseconds)
        if ($LASTEXITCODE -ne 0) { throw 'ssh-keygen failed' }
    }

    $m1 = Median $ours; $m2 = Median $theirs
    Write-Host ('New-EspriKey ed25519, passphrase, {0} rounds: median {1:N1} ms  (runs: {2})' -f $Rounds, $m1, (($ours | ForEach-Object { $_.ToString('N0') }) -join ' '))
    Write-Host ('ssh-keygen -t ed25519 -a {0} -N ...:          median {1:N1} ms  (runs: {2})' -f $Rounds, $m2, (($theirs | ForEach-Object { $_.ToString('N0') }) -join ' '))
    $ratio = $m1 / $m2
    Write-Host ('Ratio New-EspriKey / ssh-keygen: {0:N2}x (target <= 1.30x): {1}' -f $ratio, $(if ($ratio -le 1.3) { 'MET' } else { 'NOT MET' }))
}
finally {
    Remove-Item -Recurse -Force $dir -ErrorAction Ignore
}
