using System;
using System.Text;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Reads SSH wire types, bounds-checked: a truncated or hostile blob raises a FormatException
    /// the callers turn into their own ErrorId, never an IndexOutOfRange.
    /// </summary>
    public sealed class SshWireReader
    {
        private readonly byte[] data;
        private int position;

        public SshWireReader(byte[] data, int offset = 0)
        {
            this.data = data;
            position = offset;
        }

        public int Position => position;

        public int Remaining => data.Length - position;

        public bool AtEnd => position >= data.Length;

        public uint ReadUInt32()
        {
            Need(4);
            uint value = (uint)(data[position] << 24 | data[position + 1] << 16 | data[position + 2] << 8 | data[position + 3]);
            position += 4;
            return value;
        }

        public byte[] ReadString()
        {
            uint length = ReadUInt32();
            if (length > Remaining)
            {
                throw new FormatException($"A length field ({length}) runs past the end of the data.");
            }

            return ReadBytes((int)length);
        }

        public string ReadUtf8String() => Encoding.UTF8.GetString(ReadString());

        /// <summary>A name or text field as OpenSSH reads it (sshbuf_get_cstring): a NUL byte inside makes the data invalid.</summary>
        public string ReadCString()
        {
            byte[] value = ReadString();
            if (Array.IndexOf(value, (byte)0) >= 0)
            {
                throw new FormatException("A text field holds a NUL byte.");
            }

            return Encoding.UTF8.GetString(value);
        }

        /// <summary>An mpint as an unsigned big-endian magnitude (sign/padding byte removed). Negative values are rejected.</summary>
        public byte[] ReadMpint()
        {
            byte[] raw = ReadString();
            if (raw.Length > 0 && (raw[0] & 0x80) != 0)
            {
                throw new FormatException("Negative mpint in a key.");
            }

            int start = 0;
            while (start < raw.Length && raw[start] == 0)
            {
                start++;
            }

            byte[] magnitude = new byte[raw.Length - start];
            Buffer.BlockCopy(raw, start, magnitude, 0, magnitude.Length);
            return magnitude;
        }

        public byte[] ReadBytes(int count)
        {
            Need(count);
            byte[] result = new byte[count];
            Buffer.BlockCopy(data, position, result, 0, count);
            position += count;
            return result;
        }

        private void Need(int count)
        {
            if (count < 0 || count > Remaining)
            {
                throw new FormatException("The data ends too early (truncated key).");
            }
        }
    }
}
