using System;
using System.Text;
using EspriSsh.Core.Crypto;

namespace EspriSsh.Core.Tests.Crypto
{
    public class BcryptPbkdfTests
    {
        // The OpenBSD bcrypt_pbkdf regression vectors (as published with RustCrypto's bcrypt-pbkdf).
        [Theory]
        [InlineData("password", "salt", 4, "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9")]
        [InlineData("password", "\0", 4, "c12b566235eee04c212598970a579a67")]
        [InlineData("\0", "salt", 4, "6051be18c2f4f82cbf0efee5471b4bb9")]
        [InlineData("password\0", "salt\0", 4, "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050")]
        [InlineData("pass\0wor", "sa\0l", 4, "c2bffd9db38f6569efef4372f4de83c0")]
        [InlineData("pass\0word", "sa\0lt", 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f")]
        [InlineData("password", "salt", 8, "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec76227ea66088b849b20ab7aa478010246e74bba51723fefa9f9474d6508845e8d")]
        [InlineData("password", "salt", 42, "833cf0dcf56db65608e8f0dc0ce882bd")]
        [InlineData("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.", "salis\0", 8, "10978b07253df57f71a162eb0e8ad30a")]
        public void MatchesTheOpenBsdVectors(string password, string salt, int rounds, string expectedHex)
        {
            byte[] expected = Hex.Decode(expectedHex);
            byte[] key = BcryptPbkdf.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), rounds, expected.Length);
            Assert.Equal(expectedHex, Hex.Encode(key));
        }

        [Fact]
        public void ReportsProgressUpToOne()
        {
            double last = 0;
            int calls = 0;
            BcryptPbkdf.DeriveKey(Encoding.ASCII.GetBytes("pw"), new byte[16], 3, 48, f => { last = f; calls++; });
            Assert.Equal(3, calls);
            Assert.Equal(1.0, last, 6);
        }

        [Fact]
        public void RefusesAnEmptyPassword()
        {
            Assert.Throws<ArgumentException>(() => BcryptPbkdf.DeriveKey(new byte[0], new byte[16], 2, 48));
        }
    }
}
