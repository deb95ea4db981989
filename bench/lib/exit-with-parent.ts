/**
 * Preloaded (`--import`) into the services and CLIs a bench starts with `startService`: when the
 * bench's IPC channel closes — the bench stops it, or the bench itself died — the process sends
 * itself SIGTERM and so shuts down through its own handler. The channel is unref'd, so a CLI
 * still exits on its own when its work is done.
 */
if (process.send) {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}

export {};
