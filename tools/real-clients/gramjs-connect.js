// GramJS (npm "telegram", layer 198) against our server: handshake (its first encrypted message carries salt 0),
// help.getConfig, updates.getState before login (must fail with AUTH_KEY_UNREGISTERED), then optionally stays
// connected, calling help.getNearestDc and ping every 10 s (besides GramJS's own ping_delay_disconnect every 9 s).
// Usage: node gramjs-connect.js <host> <port> <modulus-decimal> <exponent> <fingerprint-signed-decimal>
//          [--hold=<seconds>] [--websocket]   (--websocket: obfuscated transport over ws://host:port/apiws)
const { TelegramClient, Api } = require('telegram');
const { MemorySession } = require('telegram/sessions');
const { ConnectionTCPFull, ConnectionTCPObfuscated } = require('telegram/network');
const { PromisedWebSockets } = require('telegram/extensions');
const RSA = require('telegram/crypto/RSA');
const bigInt = require('big-integer');

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v] = a.slice(2).split('='); return [k, v === undefined ? true : v]; }));
const [host, portArg, modulus, exponent, fingerprint] = positional;
const port = Number(portArg);
const holdSeconds = Number(flags.hold || 0);
RSA._serverKeys.set(fingerprint, { n: bigInt(modulus), e: Number(exponent) });

// GramJS forces port 80/443 in connect(); a connection class that keeps ours is the documented way around it.
const Base = flags.websocket ? ConnectionTCPObfuscated : ConnectionTCPFull;
class FixedAddress extends Base {
  constructor(options) {
    super({ ...options, ip: host, port });
  }
}

(async () => {
  const session = new MemorySession();
  session.setDC(2, host, port);
  const client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
    connection: FixedAddress,
    networkSocket: flags.websocket ? PromisedWebSockets : undefined,
    // GramJS's default retries: its unpadded auth key fails ~1 handshake in 200 (docs/clients.md)
    connectionRetries: 5,
    retryDelay: 100,
    autoReconnect: false,
    useWSS: false,
  });
  client.setLogLevel('error');
  await client.connect();
  const config = await client.invoke(new Api.help.GetConfig());
  let unauthorized = null;
  try {
    await client.invoke(new Api.updates.GetState());
    unauthorized = 'answered';
  } catch (e) {
    unauthorized = e.errorMessage || String(e);
  }
  let calls = 0;
  const started = Date.now();
  while (Date.now() - started < holdSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 10_000));
    const nearest = await client.invoke(new Api.help.GetNearestDc());
    if (nearest.thisDc !== config.thisDc) throw new Error(`nearest dc says ${nearest.thisDc}`);
    const pong = await client.invoke(new Api.Ping({ pingId: bigInt(calls + 1) }));
    if (!pong.pingId.equals(bigInt(calls + 1))) throw new Error(`pong for ${pong.pingId}`);
    calls++;
  }
  console.log(JSON.stringify({
    ok: true,
    client: 'gramjs',
    thisDc: config.thisDc,
    dcOptions: config.dcOptions.map((o) => ({ id: o.id, ip: o.ipAddress, port: o.port })),
    expires: config.expires,
    tmpSessions: config.tmpSessions,
    authKeyId: client.session.getAuthKey().getKey() ? 'set' : 'missing',
    unauthorized,
    heldSeconds: Math.round((Date.now() - started) / 1000),
    calls,
  }));
  await client.disconnect();
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
  process.exit(1);
});
