# An agent written for the tests, on a Unix socket in the sandbox, served from a background runspace:
# it lists malformed keys, lists thousands of keys, accepts and never answers, or never accepts.

function Write-SshString([IO.MemoryStream] $Stream, [byte[]] $Bytes) {
    $length = [BitConverter]::GetBytes([uint32]$Bytes.Length); [Array]::Reverse($length)
    $Stream.Write($length, 0, 4); $Stream.Write($Bytes, 0, $Bytes.Length)
}

function New-IdentitiesAnswer([object[]] $Keys) {
    <# SSH_AGENT_IDENTITIES_ANSWER (12) listing @{ Blob; Comment } pairs as given. #>
    $body = [IO.MemoryStream]::new()
    $body.WriteByte(12)
    $count = [BitConverter]::GetBytes([uint32]$Keys.Count); [Array]::Reverse($count); $body.Write($count, 0, 4)
    foreach ($k in $Keys) { Write-SshString $body $k.Blob; Write-SshString $body ([Text.Encoding]::UTF8.GetBytes($k.Comment)) }
    , $body.ToArray()
}

function New-Ed25519Blob([int] $Length = 32) {
    $blob = [IO.MemoryStream]::new()
    Write-SshString $blob ([Text.Encoding]::ASCII.GetBytes('ssh-ed25519'))
    $point = [byte[]]::new($Length); [Security.Cryptography.RandomNumberGenerator]::Fill($point)
    Write-SshString $blob $point
    , $blob.ToArray()
}

function Start-TestMisbehavingAgent {
    <#
    Mode Malformed: lists a truncated Ed25519 key ("bad", ESC in its comment) beside a sound one.
    Mode Many: lists 4,096 keys. Mode Silent: accepts, reads, never answers. Mode NeverAccept: listens
    and never accepts (its backlog full). Returns Socket; pass the result to Stop-TestMisbehavingAgent.
    #>
    param([Parameter(Mandatory)] [string] $Directory, [Parameter(Mandatory)] [ValidateSet('Malformed', 'Many', 'Silent', 'NeverAccept')] [string] $Mode)
    $socket = Join-Path $Directory ('bad-' + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.sock')
    $listener = [Net.Sockets.Socket]::new([Net.Sockets.AddressFamily]::Unix, [Net.Sockets.SocketType]::Stream, [Net.Sockets.ProtocolType]::Unspecified)
    $listener.Bind([Net.Sockets.UnixDomainSocketEndPoint]::new($socket))
    $held = [Collections.Concurrent.ConcurrentBag[Net.Sockets.Socket]]::new()
    if ($Mode -eq 'NeverAccept') {
        $listener.Listen(0)
        foreach ($i in 1..64) {
            $c = [Net.Sockets.Socket]::new([Net.Sockets.AddressFamily]::Unix, [Net.Sockets.SocketType]::Stream, [Net.Sockets.ProtocolType]::Unspecified)
            $c.Blocking = $false
            $held.Add($c)
            try { $c.Connect([Net.Sockets.UnixDomainSocketEndPoint]::new($socket)) } catch { break }
        }
        return [pscustomobject]@{ Socket = $socket; Listener = $listener; Held = $held; Runner = $null }
    }

    $listener.Listen(16)
    $answer = switch ($Mode) {
        'Malformed' { New-IdentitiesAnswer @(@{ Blob = (New-Ed25519Blob 31); Comment = "bad`e[31m" }, @{ Blob = (New-Ed25519Blob); Comment = 'sound' }) }
        'Many' { New-IdentitiesAnswer @(1..4096 | ForEach-Object { @{ Blob = (New-Ed25519Blob); Comment = '' } }) }
        default { $null }
    }
    $runner = [powershell]::Create()
    $null = $runner.AddScript({
        param($Listener, $Held, [byte[]] $Answer)
        while ($true) {
            try { $c = $Listener.Accept() } catch { return }
            $Held.Add($c)
            try {
                $stream = [Net.Sockets.NetworkStream]::new($c, $false)
                $header = [byte[]]::new(4); $read = 0
                while ($read -lt 4) { $n = $stream.Read($header, $read, 4 - $read); if ($n -eq 0) { throw 'closed' }; $read += $n }
                [Array]::Reverse($header); $request = [byte[]]::new([BitConverter]::ToUInt32($header, 0)); $read = 0
                while ($read -lt $request.Length) { $n = $stream.Read($request, $read, $request.Length - $read); if ($n -eq 0) { throw 'closed' }; $read += $n }
                if ($null -eq $Answer) { continue } # Silent: keep the connection, answer nothing
                $reply = if ($request[0] -eq 11) { $Answer } else { [byte[]]@(5) }
                $length = [BitConverter]::GetBytes([uint32]$reply.Length); [Array]::Reverse($length)
                $stream.Write($length, 0, 4); $stream.Write($reply, 0, $reply.Length)
            } catch { }
        }
    }).AddArgument($listener).AddArgument($held).AddArgument($answer)
    $null = $runner.BeginInvoke()
    [pscustomobject]@{ Socket = $socket; Listener = $listener; Held = $held; Runner = $runner }
}

function Stop-TestMisbehavingAgent([Parameter(Mandatory)] $Agent) {
    $Agent.Listener.Dispose()
    foreach ($c in $Agent.Held) { $c.Dispose() }
    if ($Agent.Runner) { $Agent.Runner.Stop(); $Agent.Runner.Dispose() }
    Remove-Item $Agent.Socket -ErrorAction Ignore
}

Export-ModuleMember -Function Start-TestMisbehavingAgent, Stop-TestMisbehavingAgent
