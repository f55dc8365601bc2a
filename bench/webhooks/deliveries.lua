-- wrk script: POSTs Miro board events to the callback path, each with an event id of its own, so every request is a
-- new delivery (stored and applied), not a duplicate. Arguments (after --): a run name (keeps ids unique across wrk
-- runs) and the board id. Items cycle through 1000 ids, so the cache sees updates as well as inserts.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  run = args[1]
  board = args[2]
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"type":"board_event","event":{"id":"%s-%d-%d","boardId":"%s","type":"update","item":{"id":"345876451751%07d",'
      .. '"type":"sticky_note","data":{"content":"note %d"},"modifiedAt":"2026-11-27T10:00:00Z"}}}',
    run, tid, counter, board, counter % 1000, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
