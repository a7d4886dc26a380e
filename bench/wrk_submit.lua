-- wrk script: EIT submissions for bench/surveys_ladder.py.
--
-- Each request posts a complete, valid EIT answer sheet with its own submission id and its own
-- pre-solved anti-spam challenge (one line of BENCH_LINES: "<submission id> <challenge> <nonce>");
-- IIT sheets carry a ballot instead (a line "<submission id> ballot=<token>").
-- Lines are dealt out to wrk's threads round-robin, so no two requests share an id unless the
-- script means to: with BENCH_RETRY > 0 that share of requests resends an earlier body unchanged
-- (a client retrying after a lost answer), which the server must acknowledge without storing it
-- again. Every 2xx answer's X-Submission-Id is written to BENCH_ACK_DIR/ack-<thread>.txt, so the
-- benchmark can compare what was acknowledged with what was stored.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  retry = tonumber(os.getenv("BENCH_RETRY") or "0")
  path = os.getenv("BENCH_PATH")
  prefix = os.getenv("BENCH_BODY_PREFIX")
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = os.getenv("BENCH_COOKIE"),
  }
  lines = {}
  local index = 0
  for line in io.lines(os.getenv("BENCH_LINES")) do
    if index % nthreads == id - 1 then
      table.insert(lines, line)
    end
    index = index + 1
  end
  ack = io.open(os.getenv("BENCH_ACK_DIR") .. "/ack-" .. id .. ".txt", "w")
  ack:setvbuf("line") -- every acknowledgement reaches the file, whatever happens to wrk later
  sent = {}
  cursor = 1
  fresh, retried, wrapped = 0, 0, 0
  ok, refused, limited, failed = 0, 0, 0, 0
  math.randomseed(id * 7919 + os.time())
end

local function body_for(line)
  local sid, challenge, nonce = line:match("^(%S+) (%S+) (%S+)$")
  if sid then
    return prefix .. "&submission_id=" .. sid .. "&challenge=" .. challenge .. "&pow=" .. nonce
  end
  -- IIT: "<submission id> <url-encoded fields>" (the ballot a redeemed code gave)
  local iit_sid, fields = line:match("^(%S+) (%S+)$")
  return prefix .. "&submission_id=" .. iit_sid .. "&" .. fields
end

function request()
  local body
  if retry > 0 and #sent > 0 and math.random() < retry then
    body = sent[math.random(#sent)]
    retried = retried + 1
  else
    if cursor > #lines then
      cursor = 1 -- out of fresh lines: later requests become retries (reported as "wrapped")
      wrapped = wrapped + 1
    end
    body = body_for(lines[cursor])
    cursor = cursor + 1
    fresh = fresh + 1
    if #sent < 5000 then
      table.insert(sent, body)
    else
      sent[math.random(#sent)] = body
    end
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    local sid = hdrs["X-Submission-Id"] or hdrs["x-submission-id"]
    if sid then ack:write(sid, "\n") end
  elseif status == 429 then
    limited = limited + 1
  elseif status >= 500 then
    failed = failed + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local totals = { fresh = 0, retried = 0, wrapped = 0, ok = 0, refused = 0, limited = 0, failed = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format(
    "BENCH_COUNTS fresh=%d retried=%d wrapped=%d ok=%d refused=%d limited=%d failed=%d\n",
    totals.fresh, totals.retried, totals.wrapped, totals.ok, totals.refused, totals.limited,
    totals.failed))
end
