using System;
using System.IO;
using System.Text;

namespace EspriSsh.Core.Keys
{
    /// <summary>Writes the SSH wire types of RFC 4251 §5: uint32, string, mpint.</summary>
    public sealed class SshWireWriter
    {
        private readonly MemoryStream stream = new MemoryStream();

        public int Length => (int)stream.Length;

        public SshWireWriter WriteUInt32(uint value)
        {
            stream.WriteByte((byte)(value >> 24));
            stream.WriteByte((byte)(value >> 16));
            stream.WriteByte((byte)(value >> 8));
            stream.WriteByte((byte)value);
            return this;
        }

        public SshWireWriter WriteString(byte[] value)
        {
            WriteUInt32((uint)value.Length);
            stream.Write(value, 0, value.Length);
            return this;
        }

        public SshWireWriter WriteString(string value) => WriteString(Encoding.UTF8.GetBytes(value));

        /// <summary>An mpint from an unsigned big-endian magnitude: leading zeros trimmed, a 0x00 added when the top bit is set.</summary>
        public SshWireWriter WriteMpint(byte[] unsignedBigEndian)
        {
            int start = 0;
            while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
            {
                start++;
            }

            int length = unsignedBigEndian.Length - start;
            bool pad = length > 0 && (unsignedBigEndian[start] & 0x80) != 0;
            WriteUInt32((uint)(length + (pad ? 1 : 0)));
            if (pad)
            {
                stream.WriteByte(0);
            }

            stream.Write(unsignedBigEndian, start, length);
            return this;
        }

        public SshWireWriter WriteRaw(byte[] bytes)
        {
            stream.Write(bytes, 0, bytes.Length);
            return this;
        }

        public byte[] ToArray() => stream.ToArray();
    }
}
