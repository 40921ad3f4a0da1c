// mtcute (npm @mtcute/node, layer 227, intermediate transport, p_q_inner_data_dc) against our server: handshake,
// its first container (ping_delay_disconnect, get_future_salts, invokeWithLayer(initConnection(...))),
// help.getConfig, updates.getState before login (must fail with AUTH_KEY_UNREGISTERED), then optionally stays
// connected, calling help.getNearestDc every 10 s. Usage: node mtcute-connect.mjs <host> <port> <pem-file> [--hold=S]
import { readFileSync } from 'node:fs';
import { BaseTelegramClient, MemoryStorage } from '@mtcute/node';
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const hold = Number((process.argv.find((a) => a.startsWith('--hold=')) || '--hold=0').split('=')[1]);
const [host, portArg, pemFile] = positional;
const port = Number(portArg);
const crypto = new NodeCryptoProvider();
await crypto.initialize?.();
addPublicKey(crypto, readFileSync(pemFile, 'utf8'));

const dc = { id: 2, ipAddress: host, port };
const client = new BaseTelegramClient({
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
  storage: new MemoryStorage(),
  crypto,
  defaultDcs: { main: dc, media: dc },
  logLevel: 1,
});

try {
  await client.connect();
  const config = await client.call({ _: 'help.getConfig' });
  let unauthorized = null;
  try {
    await client.call({ _: 'updates.getState' });
    unauthorized = 'answered';
  } catch (e) {
    unauthorized = e.text || String(e);
  }
  let calls = 0;
  const started = Date.now();
  while (Date.now() - started < hold * 1000) {
    await new Promise((r) => setTimeout(r, 10_000));
    const nearest = await client.call({ _: 'help.getNearestDc' });
    if (nearest.thisDc !== config.thisDc) throw new Error(`nearest dc says ${nearest.thisDc}`);
    calls++;
  }
  console.log(JSON.stringify({
    ok: true,
    client: 'mtcute',
    thisDc: config.thisDc,
    dcOptions: config.dcOptions.map((o) => ({ id: o.id, ip: o.ipAddress, port: o.port })),
    expires: config.expires,
    tmpSessions: config.tmpSessions,
    unauthorized,
    heldSeconds: Math.round((Date.now() - started) / 1000),
    calls,
  }));
  await (client.close ? client.close() : client.destroy());
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || e) }));
  process.exit(1);
}
