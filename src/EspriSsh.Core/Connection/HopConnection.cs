using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The network stages of one host: resolve, open TCP, then one SSH.NET connect split into Banner,
    /// HostKey and Authentication by the moments its events fire, and finally a Session command.
    /// Each stage is bounded by the plan's timeout; a refused host key aborts the connect inside the
    /// key exchange, before any authentication.
    /// </summary>
    internal sealed class HopConnection : IDisposable
    {
        private readonly HopPlan hop;
        private readonly ConnectionPlan plan;
        private readonly HostKeyVerifier verifier;
        private HopAuthentication authentication;
        private readonly StageProgress progress;
        private readonly HostKeyQuestion? hostKeyQuestion;
        private readonly CancellationToken cancellation;

        /// <param name="hostKeyQuestion">Asks about a first-contact host key; null when nobody can answer.</param>
        public HopConnection(HopPlan hop, ConnectionPlan plan, HostKeyVerifier verifier, HopAuthentication authentication,
            StageProgress progress, HostKeyQuestion? hostKeyQuestion, CancellationToken cancellation)
        {
            this.hop = hop;
            this.plan = plan;
            this.verifier = verifier;
            this.authentication = authentication;
            this.progress = progress;
            this.hostKeyQuestion = hostKeyQuestion;
            this.cancellation = cancellation;
        }

        public SshClient? Client { get; private set; }

        public bool Resolve(ConnectionStage stage, out IPAddress[] addresses)
        {
            progress.Starting(stage);
            var clock = Stopwatch.StartNew();
            addresses = Array.Empty<IPAddress>();
            if (IPAddress.TryParse(hop.HostName, out IPAddress? literal))
            {
                addresses = new[] { literal };
                return Pass(stage, clock, $"{hop.HostName} is an address; nothing to resolve.");
            }

            IPAddress[]? found = null;
            bool done = BoundedCall.TryRun(() => found = Dns.GetHostAddresses(hop.HostName), BoundedCall.DeadlineAfter(plan.Timeout),
                cancellation, () => { }, out Exception? error);
            if (!done)
            {
                return stage.Fail(clock, ErrorIds.ConnectionTimeout, $"No DNS answer for '{hop.HostName}' within {Seconds}.",
                    "The name server does not answer: check your network connection (and the VPN if the site needs one).");
            }

            if (error != null || found == null || found.Length == 0)
            {
                return stage.Fail(clock, ErrorIds.HostNotFound, $"'{hop.HostName}' cannot be resolved: {error?.Message ?? "no address"}.",
                    $"Check the spelling of '{hop.HostName}' (Get-EspriSite lists the site's hosts) and that you are on a network that can see it (VPN).");
            }

            addresses = found;
            return Pass(stage, clock, $"{hop.HostName} -> {string.Join(", ", found.Select(a => a.ToString()))}");
        }

        public bool OpenTcp(ConnectionStage stage, IPAddress[] addresses, out IPAddress reached)
        {
            progress.Starting(stage);
            var clock = Stopwatch.StartNew();
            reached = addresses[0];
            Exception? last = null;
            foreach (IPAddress address in addresses)
            {
                using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                bool done = BoundedCall.TryRun(() => socket.Connect(address, hop.Port), BoundedCall.DeadlineAfter(plan.Timeout),
                    cancellation, socket.Dispose, out Exception? error);
                if (!done)
                {
                    return stage.Fail(clock, ErrorIds.ConnectionTimeout, $"No answer from {address} port {hop.Port} within {Seconds}.",
                        $"A firewall drops the connection to {hop.HostName}:{hop.Port}. Are you on the lab network or its VPN? If so, send this result to the IT team.");
                }

                if (error == null)
                {
                    reached = address;
                    return Pass(stage, clock, $"{address} port {hop.Port} accepts connections.");
                }

                last = error;
            }

            bool refused = last is SocketException s && s.SocketErrorCode == SocketError.ConnectionRefused;
            return refused
                ? stage.Fail(clock, ErrorIds.ConnectionRefused, $"{hop.HostName} port {hop.Port} refused the connection.",
                    $"Nothing listens on port {hop.Port} of {hop.HostName}, or a firewall rejects you: check the port (-Port, or Port in your ssh config) and that the server is up.")
                : stage.Fail(clock, ErrorIds.ConnectionRefused, $"Cannot reach {hop.HostName} port {hop.Port}: {last?.Message}",
                    "Check your network connection (and the VPN if the site needs one).");
        }

        /// <summary>
        /// Connects SSH.NET to <paramref name="connectHost"/> (the address that passed Tcp, or the local
        /// end of a jump forward) and fills the Banner, HostKey and Authentication stages. A first
        /// contact the user trusts (the question, on this thread) connects again with that key, which
        /// is recorded when the server presents it again (SSH.NET's key exchange would time out while
        /// a person reads the question).
        /// </summary>
        public bool Connect(string connectHost, int connectPort, ConnectionStage? channelStage, Func<Exception?> channelError,
            ConnectionStage banner, ConnectionStage hostKey, ConnectionStage authenticationStage, byte[]? approvedHostKey = null)
        {
            progress.Starting(channelStage ?? banner);
            string serverVersion = "";
            AuthenticationMethod method = authentication.CreateMethod(() => serverVersion);
            var info = new ConnectionInfo(connectHost, connectPort, hop.User, method) { Timeout = plan.Timeout };
            if (info.KeyExchangeAlgorithms.ContainsKey("curve25519-sha256"))
            {
                // SSH.NET's default sntrup761 costs ~80 ms more against OpenSSH 9.x.
                info.KeyExchangeAlgorithms.SetPosition("curve25519-sha256", 0);
            }

            HostKeyAlgorithmOrder.Apply(info.HostKeyAlgorithms, verifier.KnownKeyTypes(hop.HostName, hop.Port));

            var client = new SshClient(info);
            Client = client;
            long start = Stopwatch.GetTimestamp(), identAt = 0, hostKeyAt = 0;
            var check = new HostKeyCheck(hop, plan, verifier, approvedHostKey);
            client.ServerIdentificationReceived += (_, e) =>
            {
                serverVersion = e.SshIdentification.ToString();
                Interlocked.Exchange(ref identAt, Stopwatch.GetTimestamp());
            };
            client.HostKeyReceived += (_, e) =>
            {
                e.CanTrust = check.Decide(e.HostKey);
                Interlocked.Exchange(ref hostKeyAt, Stopwatch.GetTimestamp());
            };

            // The time the user spends typing a passphrase does not count (ssh has no timeout there either).
            long Deadline() => Math.Max(start, Math.Max(Interlocked.Read(ref identAt), Interlocked.Read(ref hostKeyAt)))
                + (long)(plan.Timeout.TotalSeconds * Stopwatch.Frequency) + authentication.Prompts.AnsweringTicks;
            authentication.Deadline = Deadline;
            bool finished;
            Exception? error;
            try
            {
                finished = BoundedCall.TryRun(client.Connect, Deadline, cancellation, client.Dispose, out error, () =>
                {
                    progress.Starting(Interlocked.Read(ref hostKeyAt) != 0 ? authenticationStage : Interlocked.Read(ref identAt) != 0 ? hostKey : channelStage ?? banner);
                    authentication.Prompts.RunPending();
                    progress.WaitingForAgent(authenticationStage, authentication.Agent, Deadline());
                });
            }
            finally
            {
                authentication.Prompts.Close();
            }

            long end = Stopwatch.GetTimestamp();
            identAt = Interlocked.Read(ref identAt);
            hostKeyAt = Interlocked.Read(ref hostKeyAt);
            bool timedOut = !finished || error is SshOperationTimeoutException;

            if (channelStage != null)
            {
                Exception? forwardError = channelError();
                channelStage.Duration = Elapsed(start, identAt != 0 ? identAt : end);
                if (forwardError != null && identAt == 0)
                {
                    return channelStage.Fail(ErrorIds.JumpChannelFailed,
                        $"The jump host could not open a channel to {hop.HostName}:{hop.Port}: {forwardError.Message}",
                        $"The jump host cannot reach {hop.HostName}:{hop.Port}, or forbids forwarding (AllowTcpForwarding). Check the name and port of the target; if they are right, tell the IT team.");
                }

                channelStage.Status = StageStatus.Passed;
                channelStage.Detail = $"Channel to {hop.HostName}:{hop.Port} opened through the jump host.";
            }

            // Banner
            banner.Duration = Elapsed(start, identAt != 0 ? identAt : end);
            if (identAt == 0)
            {
                return timedOut
                    ? banner.Fail(ErrorIds.ConnectionTimeout, $"The port accepted the connection but sent no SSH greeting within {Seconds}.",
                        $"Something other than an SSH server answers on {hop.HostName}:{hop.Port}, or a firewall holds the connection. Check the port; if it is right, send this result to the IT team.")
                    : banner.Fail(ErrorIds.NotSshServer, $"No SSH greeting from {hop.HostName}:{hop.Port}: {UntrustedText.Escape(error?.Message)}",
                        $"The service on port {hop.Port} is not an SSH server (or closed the connection at once). Check the port.");
            }

            banner.Status = StageStatus.Passed;
            banner.Detail = UntrustedText.Escape(serverVersion); // the server chooses it

            // HostKey
            hostKey.Duration = Elapsed(identAt, hostKeyAt != 0 ? hostKeyAt : end);
            if (hostKeyAt == 0)
            {
                return timedOut
                    ? hostKey.Fail(ErrorIds.ConnectionTimeout, $"The key exchange did not finish within {Seconds}.", "The server or the network is very slow; try again, then send this result to the IT team.")
                    : hostKey.Fail(ErrorIds.KeyExchangeFailed, $"The key exchange failed: {UntrustedText.Escape(error?.Message)}",
                        "The server and this computer share no key-exchange or host-key algorithm. Send this result to the IT team.");
            }

            check.Describe(hostKey);
            if (hostKey.Reason == ErrorIds.HostKeyUnknown && approvedHostKey == null && hostKeyQuestion != null
                && plan.KnownHostsFor(hop).WritablePath != null
                && hostKeyQuestion.Trust(hop, channelStage == null ? connectHost : null, check.Verdict!, plan.KnownHostsFor(hop)))
            {
                client.Dispose();
                authentication = authentication.Renew();
                hostKey.Status = StageStatus.Skipped;
                hostKey.Reason = hostKey.Hint = null;
                return Connect(connectHost, connectPort, channelStage, channelError, banner, hostKey, authenticationStage, check.PresentedKey);
            }

            if (hostKey.Status == StageStatus.Failed)
            {
                if (hostKeyQuestion?.Declined == true)
                {
                    hostKey.DeclinedByUser = true;
                    hostKey.Detail += " You answered no: nothing (no login name, no key) was sent to it.";
                }

                return false;
            }

            // Authentication
            authenticationStage.Duration = TimeSpan.FromSeconds(Math.Max(0, end - hostKeyAt - authentication.Prompts.AnsweringTicks) / (double)Stopwatch.Frequency);
            if (error == null && finished)
            {
                AuthenticationDiagnosis.Accepted(authenticationStage, authentication);
                return authenticationStage.Status != StageStatus.Failed;
            }

            if (error is SshAuthenticationException auth)
            {
                AuthenticationDiagnosis.Refused(authenticationStage, authentication, method.AllowedAuthentications, plan.SshDirectory, auth.Message);
                return false;
            }

            if (error is SshConnectionException && AuthenticationDiagnosis.IsTooManyFailures(error.Message))
            {
                AuthenticationDiagnosis.TooManyFailures(authenticationStage, authentication);
                return false;
            }

            return timedOut
                ? AuthenticationDiagnosis.TimedOut(authenticationStage, authentication)
                : authenticationStage.Fail(ErrorIds.AuthenticationFailed, $"The server closed the connection during authentication: {UntrustedText.Escape(error?.Message)}",
                    "Send this result to the IT team: the server dropped the login.");
        }

        public bool RunSession(ConnectionStage stage)
        {
            progress.Starting(stage);
            var clock = Stopwatch.StartNew();
            SshClient client = Client!;
            string? output = null;
            int? exitStatus = null;
            string errorText = "";
            bool finished = BoundedCall.TryRun(() =>
            {
                using SshCommand command = client.CreateCommand(plan.SessionCommand);
                command.CommandTimeout = plan.Timeout;
                output = command.Execute();
                exitStatus = command.ExitStatus;
                errorText = command.Error ?? "";
            }, BoundedCall.DeadlineAfter(plan.Timeout), cancellation, client.Dispose, out Exception? error);

            if (!finished || error is SshOperationTimeoutException)
            {
                return stage.Fail(clock, ErrorIds.ConnectionTimeout, $"The command '{plan.SessionCommand}' did not finish within {Seconds}.",
                    "Logging in works but the account's shell hangs: look for a command that waits for input in your login files (.bashrc, .profile).");
            }

            if (error != null)
            {
                return stage.Fail(clock, ErrorIds.SessionFailed, $"Logged in, but the server refused to run a command: {UntrustedText.Escape(error.Message)}",
                    "The account may be restricted (no shell, or a forced command). Ask the IT team.");
            }

            string text = (output ?? "").Trim();
            if (exitStatus != 0 || !text.Contains(plan.SessionExpectedOutput))
            {
                return stage.Fail(clock, ErrorIds.SessionFailed, $"'{plan.SessionCommand}' exited with {exitStatus?.ToString() ?? "no status"}; output '{text}' {errorText.Trim()}".TrimEnd(),
                    "Logging in works but the account cannot run commands normally: check your login files (.bashrc, .profile) or ask the IT team.");
            }

            if (text != plan.SessionExpectedOutput)
            {
                stage.Status = StageStatus.Warning;
                stage.Duration = clock.Elapsed;
                stage.Detail = $"'{plan.SessionCommand}' worked, but the output has extra text: '{text}'.";
                stage.Hint = "Your login files print text for non-interactive sessions; that breaks scp, sftp and rsync. Print only in interactive shells.";
                return true;
            }

            return Pass(stage, clock, $"'{plan.SessionCommand}' returned '{text}'.");
        }

        public void Dispose() => Client?.Dispose();

        private string Seconds => plan.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

        private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds(Math.Max(0, to - from) / (double)Stopwatch.Frequency);

        private static bool Pass(ConnectionStage stage, Stopwatch clock, string detail)
        {
            stage.Status = StageStatus.Passed;
            stage.Duration = clock.Elapsed;
            stage.Detail = detail;
            return true;
        }
    }
}
