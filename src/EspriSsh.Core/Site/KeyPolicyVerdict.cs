namespace EspriSsh.Core.Site
{
    public enum KeyPolicyVerdict
    {
        Preferred,
        Tolerated,
        Refused,
    }
}
