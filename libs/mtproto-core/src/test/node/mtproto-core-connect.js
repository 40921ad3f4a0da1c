// @mtproto/core (npm, layer 158, obfuscated intermediate transport, legacy RSA encoding) against our server:
// handshake, then help.getConfig. Usage: node mtproto-core-connect.js <host> <port> <modulus-hex> <exponent-hex> <fp>
const MTProto = require('@mtproto/core');
const os = require('node:os');
const path = require('node:path');

const [host, portArg, modulusHex, exponentHex, fingerprint] = process.argv.slice(2);
const mtproto = new MTProto({
  api_id: 12345,
  api_hash: '0123456789abcdef0123456789abcdef',
  storageOptions: { path: path.join(os.tmpdir(), `mtproto-core-${process.pid}.json`) },
});
// The library only knows Telegram's DCs and keys: point DC 2 at us and hand it our key.
mtproto.dcList = [{ id: 2, ip: host, port: Number(portArg) }];
mtproto.crypto.rsa.getRsaKeyByFingerprints = async () => ({ fingerprint, modulus: modulusHex, exponent: exponentHex });

(async () => {
  const config = await mtproto.call('help.getConfig', {}, { dcId: 2 });
  console.log(JSON.stringify({
    ok: true,
    thisDc: config.this_dc,
    dcOptions: config.dc_options.map((o) => ({ id: o.id, ip: o.ip_address, port: o.port })),
  }));
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String((e && e.stack) || JSON.stringify(e)) }));
  process.exit(1);
});
