// Preloaded (`--import`) into every process a ServiceProcess starts, as plain JavaScript so it
// loads with or without a TypeScript loader. When the parent's IPC channel closes — the parent
// stops this process, or the parent itself died — the process sends itself SIGTERM and so shuts
// down through its own handler: no orphan outlives `pnpm start`, a test run or a bench. The
// channel is unref'd, so a CLI still exits on its own when its work is done.
/* global process */
if (process.send) {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
