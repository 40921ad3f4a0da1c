// mtcute (npm @mtcute/node, layer 227) as a long-running chat client driven by the test: signs in an existing user
// (mtcute cannot sign up), prints one JSON line per update it dispatched (onNewMessage, onEditMessage,
// onDeleteMessage, onHistoryRead) and reads one JSON command per line on stdin, answering each with
// {"reply": <id>, ...}. With --storage=<file> its state (auth key, peers, pts/date/seq) lives in an SQLite file, so
// a later run with --catch-up catches up on what it missed by updates.getDifference, as mtcute does by itself.
// Every wait has a timeout; a failure prints {"ok": false, "error": ...} and exits 1.
// Usage: node mtcute-chat.mjs <host> <port> <pem-file> --phone=99966XYYYY --code=XXXXX [--dc=N]
//          [--storage=<file>] [--catch-up]
// Commands: {"id":1,"cmd":"resolve","phone":"..."} {"cmd":"send","to":"<userId>","text":"..."}
//   {"cmd":"edit","to":..,"msgId":..,"text":..} {"cmd":"delete","to":..,"msgIds":[..],"revoke":true}
//   {"cmd":"read","to":..,"maxId":..} {"cmd":"history","to":..,"limit":N} {"cmd":"dialogs"} {"cmd":"quit"}
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { TelegramClient, MemoryStorage } from '@mtcute/node';
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js';
import { withTimeout } from './timeouts.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v] = a.slice(2).split('='); return [k, v === undefined ? true : v]; }));
const [host, portArg, pemFile] = positional;

function out(o) {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

const crypto = new NodeCryptoProvider();
await crypto.initialize?.();
addPublicKey(crypto, readFileSync(pemFile, 'utf8'));

const dc = { id: Number(flags.dc || 2), ipAddress: host, port: Number(portArg) };
const tg = new TelegramClient({
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
  storage: flags.storage ? flags.storage : new MemoryStorage(),
  crypto,
  defaultDcs: { main: dc, media: dc },
  logLevel: 1,
  updates: { catchUp: !!flags['catch-up'] },
});

function messageJson(m) {
  return {
    id: m.id,
    text: m.text,
    out: !!m.isOutgoing,
    senderId: m.sender ? String(m.sender.id) : null,
    peerId: m.chat ? String(m.chat.id) : null,
    editDate: m.editDate ? Math.floor(m.editDate.getTime() / 1000) : null,
    replyTo: m.replyToMessage ? m.replyToMessage.id : null,
  };
}

const commands = {
  async resolve(c) {
    const u = await tg.resolvePhoneNumber(c.phone);
    return { userId: String(u._ === 'inputPeerUser' ? u.userId : u.userId ?? u.id) };
  },
  async send(c) {
    const m = await tg.sendText(Number(c.to), c.text, c.replyTo ? { replyTo: c.replyTo } : {});
    return { msgId: m.id };
  },
  async edit(c) {
    const m = await tg.editMessage({ chatId: Number(c.to), message: c.msgId, text: c.text });
    return { msgId: m.id, text: m.text, editDate: m.editDate ? Math.floor(m.editDate.getTime() / 1000) : null };
  },
  async delete(c) {
    await tg.deleteMessagesById(Number(c.to), c.msgIds, { revoke: !!c.revoke });
    return {};
  },
  async read(c) {
    await tg.readHistory(Number(c.to), { maxId: c.maxId });
    return {};
  },
  async history(c) {
    const list = await tg.getHistory(Number(c.to), { limit: c.limit || 20 });
    return { messages: list.map(messageJson) };
  },
  async dialogs() {
    const dialogs = [];
    for await (const d of tg.iterDialogs({})) {
      dialogs.push({
        peerId: String(d.peer.id),
        name: d.peer.displayName,
        topMessage: d.lastMessage ? d.lastMessage.text : null,
        unreadCount: d.unreadCount,
      });
    }
    return { dialogs };
  },
  async quit() {
    await withTimeout(tg.destroy(), 20, 'destroy');
    setTimeout(() => process.exit(0), 100);
    return { bye: true };
  },
};

try {
  tg.onNewMessage.add((m) => out({ event: 'new', ...messageJson(m) }));
  tg.onEditMessage.add((m) => out({ event: 'edit', ...messageJson(m) }));
  tg.onDeleteMessage.add((u) => out({ event: 'delete', msgIds: u.messageIds }));
  tg.onHistoryRead.add((u) => out({ event: u.isOutbox ? 'readOutbox' : 'readInbox', peerId: String(u.chatId), maxId: u.maxReadId }));
  tg.onError.add((e) => out({ event: 'clientError', error: String((e && e.stack) || e) }));

  const self = await withTimeout(tg.start({ phone: flags.phone, code: flags.code }), 120, 'login');
  out({ event: 'ready', userId: String(self.id), dc: dc.id });

  const rl = createInterface({ input: process.stdin });
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
      .catch((e) => out({ reply: c.id, ok: false, error: e.text || String((e && e.stack) || e) }));
  });
  rl.on('close', () => {
    tg.destroy().finally(() => process.exit(0));
  });
} catch (e) {
  out({ ok: false, error: String((e && e.stack) || e) });
  process.exit(1);
}
