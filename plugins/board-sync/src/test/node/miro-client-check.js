'use strict';
// Drives Miro's official Node client (@mirohq/miro-api 2.2.4) against the gateway, as a Node web client would:
//   node miro-client-check.js <gateway root URL> <board id> <item count>
// Prints one JSON line describing what it saw; exits non-zero when an expectation fails.
const assert = require('node:assert/strict');
const { MiroApi } = require('@mirohq/miro-api');

async function main() {
  const [base, boardId, expectedItems] = process.argv.slice(2);
  // The token is the gateway's own bearer token (none is needed with the gateway's security off in tests);
  // the gateway owns the Miro credentials.
  const api = new MiroApi('gateway-access-token', base);

  const board = await api.getBoard(boardId);
  assert.equal(board.id, boardId);

  const ids = [];
  for await (const item of board.getAllItems({ limit: '10' })) {
    ids.push(String(item.id));
  }
  assert.equal(ids.length, Number(expectedItems), 'getAllItems follows the cursor over every page');
  assert.equal(new Set(ids).size, ids.length, 'no item twice');

  const note = await board.createStickyNoteItem({ data: { content: 'From Node', shape: 'square' } });
  const readBack = await board.getItem(String(note.id));
  assert.equal(String(readBack.id), String(note.id));

  let notFound = null;
  try {
    await api.getBoard('uXjVmissing=');
  } catch (e) {
    notFound = { status: e.statusCode, code: e.body && e.body.code, type: e.body && e.body.type };
  }

  console.log(JSON.stringify({
    board: board.name,
    items: ids.length,
    note: String(note.id),
    readBack: readBack.data ? readBack.data.content : null,
    notFound,
  }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  if (e && e.body) {
    console.error(JSON.stringify(e.body));
  }
  process.exit(1);
});
