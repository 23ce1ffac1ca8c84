using System;
using System.IO;
using System.Threading;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// Pageant's window (WM_COPYDATA) protocol seen as a stream: what is written is buffered until it
    /// holds a whole request frame, which then goes to Pageant; the answer frame is what reads return.
    /// </summary>
    public sealed class CopyDataEndpoint : IAgentEndpoint
    {
        private readonly IPageantWindowApi api;

        public CopyDataEndpoint(IPageantWindowApi api) => this.api = api;

        public string Description => "Pageant (window messages)";

        public AgentKind Kind => AgentKind.Pageant;

        /// <remarks>
        /// A window message is answered when Pageant's window is done with it (a passphrase it asks
        /// included), so the exchange itself may take up to the drain limit: the caller's own wait
        /// decides when to stop waiting, and the exchange then finishes unseen.
        /// </remarks>
        public Stream Connect(TimeSpan timeout, CancellationToken cancellation)
        {
            if (api.FindPageantWindow() == IntPtr.Zero)
            {
                throw AgentErrors.NotRunning(Description, "no Pageant window is open", null);
            }

            return new CopyDataStream(api, AgentExchange.DrainLimit, Description);
        }

        private sealed class CopyDataStream : Stream
        {
            private readonly IPageantWindowApi api;
            private readonly TimeSpan timeout;
            private readonly string agent;
            private readonly MemoryStream request = new MemoryStream();
            private byte[] answer = Array.Empty<byte>();
            private int answerRead;

            public CopyDataStream(IPageantWindowApi api, TimeSpan timeout, string agent)
            {
                this.api = api;
                this.timeout = timeout;
                this.agent = agent;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count)
            {
                request.Write(buffer, offset, count);
                byte[] pending = request.ToArray();
                if (pending.Length >= 4 && pending.Length >= 4 + (pending[0] << 24 | pending[1] << 16 | pending[2] << 8 | pending[3]))
                {
                    Array.Clear(request.GetBuffer(), 0, (int)request.Length); // an added key passes here
                    request.SetLength(0);
                    answer = PageantCopyData.Exchange(api, pending, timeout, agent);
                    answerRead = 0;
                    Array.Clear(pending, 0, pending.Length);
                }
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, answer.Length - answerRead);
                Buffer.BlockCopy(answer, answerRead, buffer, offset, n);
                answerRead += n;
                return n;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    request.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
