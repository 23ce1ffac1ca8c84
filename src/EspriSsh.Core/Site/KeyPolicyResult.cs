namespace EspriSsh.Core.Site
{
    /// <summary>What the site says of one concrete key (type and size).</summary>
    public sealed class KeyPolicyResult
    {
        public KeyPolicyResult(string keyType, int bits, KeyPolicyVerdict verdict, string reason)
        {
            KeyType = keyType;
            Bits = bits;
            Verdict = verdict;
            Reason = reason;
        }

        public string KeyType { get; }

        public int Bits { get; }

        public KeyPolicyVerdict Verdict { get; }

        public string Reason { get; }

        public override string ToString() => Verdict + ": " + Reason;
    }
}
