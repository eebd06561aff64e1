// Loaded with `node --require bench/rss.cjs …` by the benchmark: prints the process's peak resident
// set size (KiB, from process.resourceUsage().maxRSS) to stderr at exit. Worker threads share the
// process, so the figure covers them; they inherit --require and print their own (lower) figure.
process.on('exit', () => {
  process.stderr.write(`\nsessionmd-bench maxRSS ${process.resourceUsage().maxRSS}\n`);
});
