// `npm run bench [-- NAME [flags]]`: the schedule micro-benchmark by default; `load` for the load
// benchmark (bench/load.ts, issue #8); `ingest`, `sweep`, `state` for the monitoring benchmarks
// (issue #5, docs/benchmarks.md), or `monitoring` for those three in turn. Sizes by flags, e.g.
// `npm run bench -- state --patients 1000 --requests 500`.
const which = process.argv[2] ?? 'schedule';
const monitoring = { ingest: './ingest.js', sweep: './sweep.js', state: './state.js' } as const;
if (which === 'load') {
  const { main } = await import('./load.js');
  await main();
} else if (which === 'schedule') {
  await import('./schedule.js');
} else if (which === 'monitoring') {
  for (const file of Object.values(monitoring)) {
    const { main } = (await import(file)) as { main: () => Promise<void> };
    await main();
  }
} else if (which in monitoring) {
  const { main } = (await import(monitoring[which as keyof typeof monitoring])) as {
    main: () => Promise<void>;
  };
  await main();
} else {
  throw new Error(`unknown benchmark ${which}: schedule, load, ingest, sweep, state or monitoring`);
}
