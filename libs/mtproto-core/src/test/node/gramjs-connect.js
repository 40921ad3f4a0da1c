// GramJS (npm "telegram", layer 198, TCP full transport) against our server: handshake, then help.getConfig.
// Usage: node gramjs-connect.js <host> <port> <modulus-decimal> <exponent> <fingerprint-signed-decimal>
const { TelegramClient, Api } = require('telegram');
const { MemorySession } = require('telegram/sessions');
const { ConnectionTCPFull } = require('telegram/network');
const RSA = require('telegram/crypto/RSA');
const bigInt = require('big-integer');

const [host, portArg, modulus, exponent, fingerprint] = process.argv.slice(2);
const port = Number(portArg);
RSA._serverKeys.set(fingerprint, { n: bigInt(modulus), e: Number(exponent) });

// GramJS forces port 80/443 in connect(); a connection class that keeps ours is the documented way around it.
class FixedAddress extends ConnectionTCPFull {
  constructor(options) {
    super({ ...options, ip: host, port });
  }
}

(async () => {
  const session = new MemorySession();
  session.setDC(2, host, port);
  const client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
    connection: FixedAddress,
    connectionRetries: 1,
    autoReconnect: false,
    useWSS: false,
  });
  client.setLogLevel('error');
  await client.connect();
  const config = await client.invoke(new Api.help.GetConfig());
  console.log(JSON.stringify({
    ok: true,
    thisDc: config.thisDc,
    dcOptions: config.dcOptions.map((o) => ({ id: o.id, ip: o.ipAddress, port: o.port })),
    authKeyId: client.session.getAuthKey().getKey() ? 'set' : 'missing',
  }));
  await client.disconnect();
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
  process.exit(1);
});
