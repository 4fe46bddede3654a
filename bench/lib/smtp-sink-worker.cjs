// bench:mail's relay: a real SMTP server (smtp-server) in a worker thread of the bench process,
// accepting every message and counting them by Message-ID (duplicates are what « never twice » is
// about). Plain CommonJS so that the thread needs no TypeScript loader.
const { parentPort, workerData } = require('node:worker_threads');
const { SMTPServer } = require('smtp-server');

const seen = new Map();
let accepted = 0;
let duplicates = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 64,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `no-id-${accepted}`;
      accepted += 1;
      if (seen.has(id)) duplicates += 1;
      else seen.set(id, 1);
      callback();
    });
  },
});
server.listen(workerData.port ?? 0, '127.0.0.1', () => {
  parentPort.postMessage({ type: 'listening', port: server.server.address().port });
});
parentPort.on('message', (m) => {
  if (m === 'count') parentPort.postMessage({ type: 'count', accepted, unique: seen.size, duplicates });
  if (m === 'close') server.close(() => parentPort.postMessage({ type: 'closed' }));
});
