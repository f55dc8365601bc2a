'use strict';
// Opens <count> event streams of one board on the gateway and counts the events they receive, writing the running
// total to <counter file> every 200 ms (the bench reads it before and after its measurement).
//   node streams.js <gateway root URL> <board id> <count> <counter file>
const http = require('node:http');
const fs = require('node:fs');

const [base, boardId, count, counterFile] = process.argv.slice(2);
const url = new URL(`/api/boards/${encodeURIComponent(boardId)}/events`, base);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let open = 0;
let events = 0;
let failed = 0;

for (let i = 0; i < Number(count); i++) {
  const req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) {
      failed += 1;
      res.resume();
      return;
    }
    open += 1;
    let tail = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      const text = tail + chunk;
      let at = text.indexOf('\nevent:');
      while (at >= 0) {
        events += 1;
        at = text.indexOf('\nevent:', at + 7);
      }
      tail = text.slice(-8);
    });
    res.on('end', () => { open -= 1; });
  });
  req.on('error', () => { failed += 1; });
}

setInterval(() => {
  fs.writeFileSync(counterFile, `${open} ${events} ${failed}\n`);
}, 200);
