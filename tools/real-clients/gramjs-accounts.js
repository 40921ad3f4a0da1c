// GramJS (npm "telegram", layer 198) through the account paths of a real user: sign up a test number (following
// PHONE_MIGRATE_X to the number's home DC), set a username, sign in again from a second device, list the
// authorizations, log out the first device (the second stays signed in), then reset a third device's authorization
// from the second (the third is cut off).
// Usage: node gramjs-accounts.js <host> <start-port> <modulus-decimal> <exponent> <fingerprint-signed-decimal>
//          --ports=1:<port>,2:<port> --phone=99966XYYYY --code=XXXXX --first=<name> --username=<name> [--start-dc=N]
//          [--only-signup]   (stop after signing up and setting the username)
const { TelegramClient, Api } = require('telegram');
const { MemorySession } = require('telegram/sessions');
const { ConnectionTCPFull } = require('telegram/network');
const RSA = require('telegram/crypto/RSA');
const bigInt = require('big-integer');

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v] = a.slice(2).split('='); return [k, v === undefined ? true : v]; }));
const [host, startPort, modulus, exponent, fingerprint] = positional;
const ports = Object.fromEntries(String(flags.ports).split(',').map((p) => p.split(':').map(Number)));
const startDc = Number(flags['start-dc'] || 2);
RSA._serverKeys.set(fingerprint, { n: bigInt(modulus), e: Number(exponent) });

// GramJS dials port 443 of the address it is given (and of the dc_options it migrates to): keep our host and map
// each DC to its port.
class OurPorts extends ConnectionTCPFull {
  constructor(options) {
    super({ ...options, ip: host, port: ports[options.dcId] || Number(startPort) });
  }
}

function newClient() {
  const session = new MemorySession();
  session.setDC(startDc, host, ports[startDc] || Number(startPort));
  const client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
    connection: OurPorts, connectionRetries: 5, retryDelay: 100, autoReconnect: false, useWSS: false,
  });
  client.setLogLevel('error');
  return client;
}

async function login(client) {
  await client.start({
    phoneNumber: async () => flags.phone,
    phoneCode: async () => flags.code,
    firstAndLastNames: async () => [flags.first, 'Tester'],
    onError: (e) => { throw e; },
  });
  return client.getMe();
}

async function errorOf(promise) {
  try {
    await promise;
    return 'answered';
  } catch (e) {
    return e.errorMessage || e.message || String(e);
  }
}

(async () => {
  const a = newClient();
  const meA = await login(a);
  const signedUpOnDc = a.session.dcId;
  await a.invoke(new Api.account.UpdateUsername({ username: flags.username }));
  if (flags['only-signup']) {
    console.log(JSON.stringify({ ok: true, userId: String(meA.id), signedUpOnDc, username: flags.username }));
    await a.disconnect();
    process.exit(0);
  }

  const b = newClient();
  const meB = await login(b);
  const auths = await b.invoke(new Api.account.GetAuthorizations());

  await a.invoke(new Api.auth.LogOut());
  const bAfterLogout = await b.getMe();

  const c = newClient();
  await login(c);
  const list = await b.invoke(new Api.account.GetAuthorizations());
  const others = list.authorizations.filter((x) => !x.current);
  // the newest other authorization is c's
  others.sort((x, y) => y.dateCreated - x.dateCreated);
  await b.invoke(new Api.account.ResetAuthorization({ hash: others[0].hash }));
  await new Promise((r) => setTimeout(r, 2000));
  const cAfterReset = await errorOf(c.getMe());

  console.log(JSON.stringify({
    ok: true,
    userId: String(meA.id),
    sameUserOnSecondDevice: String(meB.id) === String(meA.id),
    firstName: meA.firstName,
    username: flags.username,
    signedUpOnDc,
    authorizationsAfterSecondLogin: auths.authorizations.length,
    secondDeviceAfterFirstLoggedOut: String(bAfterLogout.id),
    thirdDeviceAfterReset: cAfterReset,
  }));
  await b.disconnect();
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
  process.exit(1);
});
