-- Prints the 50th and 95th latency percentiles (microseconds) for bench/rollup_bench.py.
done = function(summary, latency, requests)
  io.write(string.format("BENCH_P50_US %d BENCH_P95_US %d\n",
    latency:percentile(50), latency:percentile(95)))
end
