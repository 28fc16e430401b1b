-- wrk script: posts a 2-line U25 voucher (a domestic sale) with a fresh Idempotency-Key per
-- request, to a random company of those listed in $YARDSTICK_DIR/companies, or to the first one
-- only when ONE_COMPANY is set. Counts answers by status, so a run can tell 201s from anything else.
local dir = os.getenv("YARDSTICK_DIR") or "."
local companies = {}
for line in io.lines(dir .. "/companies") do companies[#companies + 1] = line end
local token = io.open(dir .. "/token"):read("*l")
local one_company = os.getenv("ONE_COMPANY") ~= nil
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  math.randomseed(thread_number * 7919 + os.time())
end

function request()
  counter = counter + 1
  local company = one_company and companies[1] or companies[math.random(#companies)]
  local key = string.format("y-%d-%d-%d-%d", thread_number, counter, os.time(), math.random(1000000000))
  local body = '{"date":"' .. (os.getenv("VOUCHER_DATE") or "2026-11-02") .. '","text":"Faktura ' .. key ..
      '","lines":[{"account":6190,"amount":"1250.00"},{"account":1010,"amount":"-1250.00","vatCode":"U25"}]}'
  return wrk.format("POST", "/api/v1/companies/" .. company .. "/vouchers",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token, ["Idempotency-Key"] = key}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = status .. "=" .. n end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f socket_errors=%d statuses=%s\n",
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, table.concat(parts, ",")))
end
