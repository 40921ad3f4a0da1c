// mtcute (npm @mtcute/node, layer 227, intermediate transport, p_q_inner_data_dc) against our server:
// handshake, its first container (ping_delay_disconnect, get_future_salts, invokeWithLayer(initConnection(...)))
// and help.getConfig. Usage: node mtcute-connect.mjs <host> <port> <pem-file>
import { readFileSync } from 'node:fs';
import { BaseTelegramClient, MemoryStorage } from '@mtcute/node';
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js';

const [host, portArg, pemFile] = process.argv.slice(2);
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
  console.log(JSON.stringify({
    ok: true,
    thisDc: config.thisDc,
    dcOptions: config.dcOptions.map((o) => ({ id: o.id, ip: o.ipAddress, port: o.port })),
  }));
  await (client.close ? client.close() : client.destroy());
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || e) }));
  process.exit(1);
}
