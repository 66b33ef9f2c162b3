-- wrk script: sends PIPELINE requests back to back on each connection before reading the answers
-- (HTTP/1.1 pipelining, as the TechEmpower "plaintext" test does with 16).
-- Usage: wrk ... -s benchmarks/http/pipeline.lua URL -- DEPTH
-- wrk counts every answer as a request; its latency figures are per batch, not per request.
init = function(args)
  local depth = tonumber(args[1]) or 1
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end
