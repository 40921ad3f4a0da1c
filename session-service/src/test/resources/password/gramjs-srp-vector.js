// Produces gramjs-srp-vector.json: an SRP known-answer vector computed by GramJS (npm "telegram", the version in
// tools/real-clients/package.json), an implementation independent of ours. Run once, by hand, from a directory whose
// node_modules holds that package (e.g. var/real-clients after RealClients.install()):
//   node gramjs-srp-vector.js > gramjs-srp-vector.json
// GramJS computes v (computeDigest) and the client's A and M1 (computeCheck, with its own random a); only B, the
// server's value for the fixed b, is computed here (plain BigInt arithmetic, SRP-6a as core.telegram.org/api/srp).
const crypto = require("crypto");
const { Api } = require("telegram");
const { computeCheck, computeDigest } = require("telegram/Password");
const { version } = require("telegram/package.json");

const P = BigInt("0xc71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b");
const G = 3n;
const pad = (n) => Buffer.from(n.toString(16).padStart(512, "0"), "hex");
const big = (b) => BigInt("0x" + b.toString("hex"));
const modPow = (base, exp, mod) => {
  let r = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) r = (r * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return r;
};

(async () => {
  const password = "correct horse battery staple \u2713";
  const salt1 = crypto.randomBytes(40); // as a client sends it: the server's 8 bytes + its own 32
  const salt2 = crypto.randomBytes(16);
  const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
    salt1, salt2, g: 3, p: pad(P),
  });
  const v = await computeDigest(algo, password);
  const b = big(crypto.randomBytes(256));
  const k = big(crypto.createHash("sha256").update(Buffer.concat([pad(P), pad(G)])).digest());
  const B = (k * big(v) + modPow(G, b, P)) % P;
  const srpId = 1234567890123n;
  const check = await computeCheck(new Api.account.Password({
    hasPassword: true, currentAlgo: algo, srp_B: pad(B), srpId: srpId, newAlgo: algo,
    newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(), secureRandom: Buffer.alloc(0),
  }), password);
  console.log(JSON.stringify({
    origin: "GramJS " + version + " (npm telegram) Password.computeDigest / computeCheck, via gramjs-srp-vector.js",
    password, salt1: salt1.toString("hex"), salt2: salt2.toString("hex"),
    v: Buffer.from(v).toString("hex"), b: pad(b).toString("hex"), B: pad(B).toString("hex"),
    A: Buffer.from(check.A).toString("hex"), M1: Buffer.from(check.M1).toString("hex"),
  }, null, 2));
})();
