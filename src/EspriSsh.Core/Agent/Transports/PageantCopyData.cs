using System;
using System.Text;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// One request through Pageant's window protocol (PuTTY's wm_copydata_agent_query): the request
    /// frame goes into a shared memory block named PageantRequestXXXXXXXX (the thread id), the block's
    /// NUL-terminated name goes to the Pageant window in a WM_COPYDATA message, and the answer frame is
    /// read back from the same block.
    /// </summary>
    internal static class PageantCopyData
    {
        /// <summary>COPYDATASTRUCT.dwData that marks an agent request ("random goop" in PuTTY).</summary>
        public const uint CopyDataId = 0x804e50ba;

        /// <summary>The block size of older Pageant and MobaXterm (AGENT_MAX_MSGLEN); a frame must fit in it.</summary>
        public const int BlockSize = 8192;

        private static readonly byte[] FailureFrame = { 0, 0, 0, 1, AgentMessage.Failure };

        public static string BlockName(uint threadId) => "PageantRequest" + threadId.ToString("x8");

        /// <summary>The answer frame; a refusal by the window reads as an agent failure.</summary>
        public static byte[] Exchange(IPageantWindowApi api, byte[] requestFrame, TimeSpan timeout, string agent)
        {
            if (requestFrame.Length > BlockSize)
            {
                throw AgentErrors.Refused(agent, $"take a request of {requestFrame.Length} bytes (its window protocol carries at most {BlockSize})");
            }

            IntPtr window = api.FindPageantWindow();
            if (window == IntPtr.Zero)
            {
                throw AgentErrors.NotRunning(agent, "no Pageant window is open", null);
            }

            string name = BlockName(api.CurrentThreadId);
            using ISharedMemory block = api.CreateSharedMemory(name, BlockSize);
            block.Write(0, requestFrame);
            byte[] nameBytes = Encoding.ASCII.GetBytes(name + "\0");
            long? answer = api.SendCopyData(window, CopyDataId, nameBytes, timeout);
            if (answer == null)
            {
                throw AgentErrors.NoAnswer(agent, timeout, "its window does not answer");
            }

            if (answer.Value == 0)
            {
                return (byte[])FailureFrame.Clone();
            }

            byte[] header = block.Read(0, 4);
            uint length = (uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]);
            if (length == 0 || length > BlockSize - 4)
            {
                throw AgentErrors.BadReply(agent, $"an answer of {length} bytes in a block of {BlockSize}");
            }

            return block.Read(0, 4 + (int)length);
        }
    }
}
