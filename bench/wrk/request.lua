-- One request for wrk, from the environment: WRK_METHOD, WRK_BODY and the
-- session cookie in WRK_COOKIE. The Origin matches, as a browser's would.
wrk.method = os.getenv("WRK_METHOD") or "GET"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Cookie"] = os.getenv("WRK_COOKIE")
wrk.headers["Origin"] = os.getenv("WRK_ORIGIN")
if wrk.body then wrk.headers["Content-Type"] = "application/json" end

-- Counts answers that are not 2xx (wrk's own count includes 3xx as fine).
local bad = 0
function response(status, headers, body)
  if status >= 300 then bad = bad + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("WRK p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status + bad))
end
