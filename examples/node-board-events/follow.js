'use strict';
// Follows a board's change feed on the Miro Gateway and prints one JSON line per event.
//
//   GATEWAY_TOKEN=<bearer token> node follow.js <gateway root URL> <board id> [--last-event-id N] [--exit-after N]
//
// The gateway's feed is GET /api/boards/{boardId}/events (server-sent events). The browser's EventSource cannot send
// an Authorization header, so this uses the `eventsource` package with a custom fetch that adds the bearer token.
// When the connection drops, the client reconnects by itself and sends the id of the last event it saw as
// Last-Event-ID, so the gateway replays exactly what was missed. A `reset` event means the gateway no longer holds
// the events since that id (older than its retention): reload the board's items, then go on with the stream.
const { EventSource } = require('eventsource');

const EVENTS = ['item.created', 'item.updated', 'item.deleted', 'board.synced', 'reset'];

function parseArgs(argv) {
  const [base, boardId, ...rest] = argv;
  if (!base || !boardId) {
    console.error('usage: node follow.js <gateway root URL> <board id> [--last-event-id N] [--exit-after N]');
    process.exit(2);
  }
  const options = { base, boardId, lastEventId: null, exitAfter: Infinity };
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--last-event-id') options.lastEventId = rest[i + 1];
    else if (rest[i] === '--exit-after') options.exitAfter = Number(rest[i + 1]);
    else throw new Error(`unknown option ${rest[i]}`);
  }
  return options;
}

function follow({ base, boardId, lastEventId, exitAfter }, onEvent) {
  const token = process.env.GATEWAY_TOKEN;
  const url = new URL(`/api/boards/${encodeURIComponent(boardId)}/events`, base);
  const source = new EventSource(url, {
    fetch: (input, init) => {
      const headers = { ...init.headers };
      if (token) headers.Authorization = `Bearer ${token}`;
      // The first connection may resume from an id kept from an earlier run; later ones carry the library's own.
      if (lastEventId && !headers['Last-Event-ID']) headers['Last-Event-ID'] = lastEventId;
      return fetch(input, { ...init, headers });
    },
  });
  let seen = 0;
  source.addEventListener('open', () => onEvent({ event: 'open' }));
  source.addEventListener('error', (e) => onEvent({ event: 'error', message: e.message || null, code: e.code || null }));
  for (const name of EVENTS) {
    source.addEventListener(name, (e) => {
      onEvent({ event: name, id: e.lastEventId, data: JSON.parse(e.data) });
      seen += 1;
      if (seen >= exitAfter) source.close();
    });
  }
  return source;
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  const source = follow(options, (event) => {
    console.log(JSON.stringify(event));
    if (event.event === 'reset') {
      console.error('The feed was reset: reload the board, e.g. GET /v2/boards/{id}/items, then keep following.');
    }
  });
  const timer = setInterval(() => {
    if (source.readyState === source.CLOSED) {
      clearInterval(timer);
      process.exit(0);
    }
  }, 100);
}

module.exports = { follow };
