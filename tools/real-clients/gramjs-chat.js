// GramJS (npm "telegram", layer 198) as a long-running chat client driven by the test: signs up or in a test number,
// prints one JSON line per event on stdout (updates it received through its own update handling: NewMessage,
// EditedMessage, DeletedMessage, Raw updateReadHistoryOutbox) and reads one JSON command per line on stdin, answering
// each with {"reply": <id>, ...}. Every wait has a timeout; a failure prints {"ok": false, "error": ...} and exits 1.
// Usage: node gramjs-chat.js <host> <start-port> <modulus-decimal> <exponent> <fingerprint-signed-decimal>
//          --ports=1:<port>,2:<port> --phone=99966XYYYY --code=XXXXX --first=<name> [--start-dc=N]
//          [--session=<file>]   (StringSession saved there after login, and used if it exists)
//          [--state=<file>]     (updates.State {pts, date} saved there on quit; when it exists at start, what was
//                                missed since is fetched with updates.getDifference and dispatched through GramJS's
//                                own update handling, since GramJS 2.26's client.catchUp() is an empty stub)
// Commands: {"id":1,"cmd":"resolve","phone":"..."} {"cmd":"send","to":"<userId>","text":"..."}
//   {"cmd":"sendRaw","to":..,"text":..,"randomId":"<decimal>","times":2} {"cmd":"edit","to":..,"msgId":..,"text":..}
//   {"cmd":"delete","msgIds":[..],"revoke":true} {"cmd":"read","to":..,"maxId":..} {"cmd":"history","to":..,"limit":N}
//   {"cmd":"dialogs"} {"cmd":"quit"}
const fs = require('fs');
const readline = require('readline');
const { TelegramClient, Api } = require('telegram');
const { StringSession } = require('telegram/sessions');
const { ConnectionTCPFull } = require('telegram/network');
const { NewMessage } = require('telegram/events');
const { EditedMessage } = require('telegram/events/EditedMessage');
const { DeletedMessage } = require('telegram/events/DeletedMessage');
const { Raw } = require('telegram/events/Raw');
const RSA = require('telegram/crypto/RSA');
const updatesModule = require('telegram/client/updates');
const bigInt = require('big-integer');
const { withTimeout } = require('./timeouts');

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v] = a.slice(2).split('='); return [k, v === undefined ? true : v]; }));
const [host, startPort, modulus, exponent, fingerprint] = positional;
const ports = Object.fromEntries(String(flags.ports).split(',').map((p) => p.split(':').map(Number)));
const startDc = Number(flags['start-dc'] || 2);
RSA._serverKeys.set(fingerprint, { n: bigInt(modulus), e: Number(exponent) });

function out(o) {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

function fail(e) {
  out({ ok: false, error: String((e && e.stack) || e) });
  process.exit(1);
}

// GramJS dials port 443 of the address it is given (and of the dc_options it migrates to): keep our host and map
// each DC to its port.
class OurPorts extends ConnectionTCPFull {
  constructor(options) {
    super({ ...options, ip: host, port: ports[options.dcId] || Number(startPort) });
  }
}

const sessionFile = flags.session;
const saved = sessionFile && fs.existsSync(sessionFile) ? fs.readFileSync(sessionFile, 'utf8').trim() : '';
const session = new StringSession(saved);
if (!saved) {
  session.setDC(startDc, host, ports[startDc] || Number(startPort));
}
const client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
  connection: OurPorts, connectionRetries: 5, retryDelay: 100, autoReconnect: true, useWSS: false,
});
client.setLogLevel('error');

const peers = new Map(); // user id (string) -> InputPeerUser

function peer(id) {
  const p = peers.get(String(id));
  if (!p) {
    throw new Error(`unknown peer ${id}: resolve it first`);
  }
  return p;
}

function remember(users) {
  for (const u of users || []) {
    if (u instanceof Api.User && u.accessHash !== undefined && u.accessHash !== null) {
      peers.set(String(u.id), new Api.InputPeerUser({ userId: u.id, accessHash: u.accessHash }));
    }
  }
}

function messageJson(m) {
  return {
    id: m.id,
    text: m.message,
    out: !!m.out,
    senderId: m.senderId !== undefined && m.senderId !== null ? String(m.senderId) : null,
    peerId: m.peerId && m.peerId.userId !== undefined ? String(m.peerId.userId) : null,
    editDate: m.editDate || null,
    replyTo: m.replyTo ? m.replyTo.replyToMsgId : null,
  };
}

const commands = {
  async resolve(c) {
    const r = await client.invoke(new Api.contacts.ResolvePhone({ phone: c.phone }));
    remember(r.users);
    return { userId: String(r.users[0].id), accessHash: r.users[0].accessHash ? 'set' : 'missing' };
  },
  async send(c) {
    const m = await client.sendMessage(peer(c.to), { message: c.text, replyTo: c.replyTo });
    return { msgId: m.id };
  },
  async sendRaw(c) {
    const ids = [];
    for (let i = 0; i < (c.times || 1); i++) {
      const u = await client.invoke(new Api.messages.SendMessage({
        peer: peer(c.to), message: c.text, randomId: bigInt(c.randomId),
      }));
      if (u instanceof Api.UpdateShortSentMessage) {
        ids.push(u.id);
      } else {
        const idUpdate = (u.updates || []).find((x) => x instanceof Api.UpdateMessageID);
        ids.push(idUpdate ? idUpdate.id : null);
      }
    }
    return { msgIds: ids };
  },
  async edit(c) {
    const m = await client.editMessage(peer(c.to), { message: c.msgId, text: c.text });
    return { msgId: m.id, text: m.message, editDate: m.editDate || null };
  },
  async delete(c) {
    const affected = await client.deleteMessages(c.to ? peer(c.to) : undefined, c.msgIds, { revoke: !!c.revoke });
    return { ptsCount: affected.reduce((s, a) => s + (a.ptsCount || 0), 0) };
  },
  async read(c) {
    const done = await client.markAsRead(peer(c.to), undefined, { maxId: c.maxId });
    return { done: !!done };
  },
  async history(c) {
    const list = await client.getMessages(peer(c.to), { limit: c.limit || 20 });
    return { messages: list.map(messageJson) };
  },
  async dialogs() {
    const list = await client.getDialogs({});
    return {
      dialogs: list.map((d) => ({
        peerId: d.dialog && d.dialog.peer && d.dialog.peer.userId !== undefined ? String(d.dialog.peer.userId) : null,
        name: d.name || d.title || null,
        topMessage: d.message ? d.message.message : null,
        unreadCount: d.unreadCount,
      })),
    };
  },
  async quit() {
    if (flags.state) {
      const st = await client.invoke(new Api.updates.GetState());
      fs.writeFileSync(flags.state, JSON.stringify({ pts: st.pts, date: st.date }));
    }
    await withTimeout(client.disconnect(), 20, 'disconnect');
    setTimeout(() => process.exit(0), 100);
    return { bye: true };
  },
};

(async () => {
  await withTimeout(client.start({
    phoneNumber: async () => flags.phone,
    phoneCode: async () => flags.code,
    firstAndLastNames: async () => [flags.first || 'Tester', 'Tester'],
    onError: (e) => { throw e; },
  }), 120, 'login');
  const me = await withTimeout(client.getMe(), 30, 'getMe');
  if (sessionFile) {
    fs.writeFileSync(sessionFile, client.session.save());
  }

  client.addEventHandler((event) => {
    remember([...(event._entities || new Map()).values()]);
    out({ event: 'new', ...messageJson(event.message) });
  }, new NewMessage({}));
  client.addEventHandler((event) => {
    out({ event: 'edit', ...messageJson(event.message) });
  }, new EditedMessage({}));
  client.addEventHandler((event) => {
    out({ event: 'delete', msgIds: event.deletedIds });
  }, new DeletedMessage({}));
  client.addEventHandler((update) => {
    if (update instanceof Api.UpdateReadHistoryOutbox) {
      out({ event: 'readOutbox', peerId: update.peer.userId !== undefined ? String(update.peer.userId) : null, maxId: update.maxId });
    } else if (update instanceof Api.UpdateReadHistoryInbox) {
      out({ event: 'readInbox', maxId: update.maxId });
    }
  }, new Raw({}));

  out({ event: 'ready', userId: String(me.id), dc: client.session.dcId });

  if (flags.state && fs.existsSync(flags.state)) {
    let { pts, date } = JSON.parse(fs.readFileSync(flags.state, 'utf8'));
    let caughtUp = 0;
    for (let round = 0; round < 100; round++) {
      const d = await withTimeout(client.invoke(new Api.updates.GetDifference({ pts, date, qts: 0 })), 30, 'getDifference');
      if (d instanceof Api.updates.DifferenceEmpty) {
        break;
      }
      if (!(d instanceof Api.updates.Difference || d instanceof Api.updates.DifferenceSlice)) {
        throw new Error(`unexpected difference ${d.className}`);
      }
      remember(d.users);
      // what Telegram's own clients do with a difference: apply its messages and updates as if they had been pushed
      const updates = [
        ...d.newMessages.map((m) => new Api.UpdateNewMessage({ message: m, pts: 0, ptsCount: 0 })),
        ...d.otherUpdates,
      ];
      caughtUp += d.newMessages.length;
      updatesModule._handleUpdate(client, new Api.Updates({ updates, users: d.users, chats: d.chats, date: 0, seq: 0 }));
      const state = d instanceof Api.updates.Difference ? d.state : d.intermediateState;
      pts = state.pts;
      date = state.date;
      if (d instanceof Api.updates.Difference) {
        break;
      }
    }
    out({ event: 'caughtUp', messages: caughtUp, pts });
  }

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (!line.trim()) {
      return;
    }
    let c;
    try {
      c = JSON.parse(line);
    } catch (e) {
      out({ reply: null, ok: false, error: `bad command: ${line}` });
      return;
    }
    const fn = commands[c.cmd];
    if (!fn) {
      out({ reply: c.id, ok: false, error: `unknown command ${c.cmd}` });
      return;
    }
    withTimeout(fn(c), 60, c.cmd)
      .then((r) => out({ reply: c.id, ok: true, ...r }))
      .catch((e) => out({ reply: c.id, ok: false, error: e.errorMessage || String((e && e.stack) || e) }));
  });
  rl.on('close', () => {
    client.disconnect().finally(() => process.exit(0));
  });
})().catch(fail);
