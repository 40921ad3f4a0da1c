// mtcute (npm @mtcute/node, layer 227) signs in an existing user (mtcute cannot sign up), reads itself with
// users.getUsers([inputUserSelf]) and resolves another user's username.
// Usage: node mtcute-signin.mjs <host> <port> <pem-file> --phone=99966XYYYY --code=XXXXX --resolve=<username>
//          [--dc=N] [--ports=1:<port>,2:<port>]
import { readFileSync } from 'node:fs';
import { TelegramClient, MemoryStorage } from '@mtcute/node';
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v] = a.slice(2).split('='); return [k, v === undefined ? true : v]; }));
const [host, portArg, pemFile] = positional;
const crypto = new NodeCryptoProvider();
await crypto.initialize?.();
addPublicKey(crypto, readFileSync(pemFile, 'utf8'));

const dc = { id: Number(flags.dc || 2), ipAddress: host, port: Number(portArg) };
const tg = new TelegramClient({
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
  storage: new MemoryStorage(),
  crypto,
  defaultDcs: { main: dc, media: dc },
  logLevel: 1,
});

try {
  const self = await tg.start({ phone: flags.phone, code: flags.code });
  const users = await tg.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
  const resolved = await tg.call({ _: 'contacts.resolveUsername', username: flags.resolve });
  console.log(JSON.stringify({
    ok: true,
    userId: String(self.id),
    getUsersSelf: users.map((u) => ({ id: String(u.id), self: !!u.self, firstName: u.firstName })),
    resolved: resolved.users.map((u) => ({ id: String(u.id), username: u.username, accessHash: u.accessHash ? 'set' : 'missing' })),
  }));
  await (tg.close ? tg.close() : tg.destroy());
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || e) }));
  process.exit(1);
}
