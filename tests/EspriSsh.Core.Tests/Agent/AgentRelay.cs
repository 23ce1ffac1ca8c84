using System.IO;
using System.Net.Sockets;
using EspriSsh.Core.Agent.Transports;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>Passes one request frame to a real ssh-agent and returns its answer frame (what a Windows agent would do).</summary>
    internal static class AgentRelay
    {
        public static byte[] Exchange(string socketPath, byte[] requestFrame)
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixSocketAddress(socketPath));
            using var stream = new NetworkStream(socket);
            stream.Write(requestFrame, 0, requestFrame.Length);
            byte[] header = ReadExactly(stream, 4);
            int length = header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3];
            byte[] frame = new byte[4 + length];
            header.CopyTo(frame, 0);
            ReadExactly(stream, length).CopyTo(frame, 4);
            return frame;
        }

        /// <summary>The same with bodies (type byte first), no length prefixes.</summary>
        public static byte[] ExchangeBody(string socketPath, byte[] requestBody)
        {
            byte[] frame = new byte[4 + requestBody.Length];
            frame[0] = (byte)(requestBody.Length >> 24);
            frame[1] = (byte)(requestBody.Length >> 16);
            frame[2] = (byte)(requestBody.Length >> 8);
            frame[3] = (byte)requestBody.Length;
            System.Buffer.BlockCopy(requestBody, 0, frame, 4, requestBody.Length);
            byte[] answer = Exchange(socketPath, frame);
            byte[] body = new byte[answer.Length - 4];
            System.Buffer.BlockCopy(answer, 4, body, 0, body.Length);
            return body;
        }

        internal static byte[] ReadExactly(Stream stream, int count)
        {
            byte[] buffer = new byte[count];
            for (int done = 0, read; done < count; done += read)
            {
                read = stream.Read(buffer, done, count - done);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }
            }

            return buffer;
        }
    }
}
