// @mtproto/core (npm, layer 158, obfuscated intermediate transport, legacy RSA encoding) against our server:
// handshake, help.getConfig, updates.getState before login (must fail with AUTH_KEY_UNREGISTERED), then optionally
// stays connected, calling help.getNearestDc every 10 s.
// Usage: node mtproto-core-connect.js <host> <port> <modulus-hex> <exponent-hex> <fp-unsigned-decimal> [--hold=S]
const MTProto = require('@mtproto/core');
const os = require('node:os');
const path = require('node:path');

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const hold = Number((process.argv.find((a) => a.startsWith('--hold=')) || '--hold=0').split('=')[1]);
const [host, portArg, modulusHex, exponentHex, fingerprint] = positional;
const mtproto = new MTProto({
  api_id: 12345,
  api_hash: '0123456789abcdef0123456789abcdef',
  storageOptions: { path: path.join(os.tmpdir(), `mtproto-core-${process.pid}.json`) },
});
// The library only knows Telegram's DCs and keys: point DC 2 at us and hand it our key.
mtproto.dcList = [{ id: 2, ip: host, port: Number(portArg) }];
mtproto.crypto.rsa.getRsaKeyByFingerprints = async () => ({ fingerprint, modulus: modulusHex, exponent: exponentHex });

// @mtproto/core keeps the DH shared secret unpadded: when g_ab's top byte is zero (about one handshake in 200, with
// Telegram's servers too) its auth key differs from the spec's 256 bytes and it throws on dh_gen_ok's hash, out of
// reach of any catch, leaving the call pending forever. A real app restarts; so does this script, twice at most.
process.on('unhandledRejection', (e) => {
  const attempt = Number(process.env.MTPROTO_CORE_ATTEMPT || 1);
  if (/Invalid hash in mt_dh_gen/.test(String(e)) && attempt < 3) {
    console.error(`@mtproto/core: ${e} (its unpadded auth key); starting again`);
    const r = require('node:child_process').spawnSync(process.execPath, process.argv.slice(1),
      { stdio: 'inherit', env: { ...process.env, MTPROTO_CORE_ATTEMPT: String(attempt + 1) } });
    process.exit(r.status === null ? 1 : r.status);
  }
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || e) }));
  process.exit(1);
});

(async () => {
  const config = await mtproto.call('help.getConfig', {}, { dcId: 2 });
  let unauthorized = null;
  try {
    await mtproto.call('updates.getState', {}, { dcId: 2 });
    unauthorized = 'answered';
  } catch (e) {
    unauthorized = e.error_message || JSON.stringify(e);
  }
  let calls = 0;
  const started = Date.now();
  while (Date.now() - started < hold * 1000) {
    await new Promise((r) => setTimeout(r, 10_000));
    const nearest = await mtproto.call('help.getNearestDc', {}, { dcId: 2 });
    if (nearest.this_dc !== config.this_dc) throw new Error(`nearest dc says ${nearest.this_dc}`);
    calls++;
  }
  console.log(JSON.stringify({
    ok: true,
    client: 'mtproto-core',
    thisDc: config.this_dc,
    dcOptions: config.dc_options.map((o) => ({ id: o.id, ip: o.ip_address, port: o.port })),
    expires: config.expires,
    tmpSessions: config.tmp_sessions,
    unauthorized,
    heldSeconds: Math.round((Date.now() - started) / 1000),
    calls,
  }));
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || JSON.stringify(e)) }));
  process.exit(1);
});
